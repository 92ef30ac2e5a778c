package dev.errorbridge.connector.settings;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CloudFormation console link that opens the customer role template ({@code
 * samples/cloudformation/errorbridge-customer-role.json}) with the connection's External ID, the
 * deployment's account, the bus and the role's name filled in, so a customer grants ASSUME_ROLE
 * access in one click. The samples module builds the same link for its template; connector-core
 * cannot depend on samples (a CDK app), so this is the settings API's own copy, held to the same
 * rules by its tests.
 *
 * <p>The format is AWS's quick-create link
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-console-create-stacks-quick-create-links.html):
 * {@code templateURL}, {@code stackName} (alphanumerics and hyphens, starting with a letter, at
 * most 128) and {@code param_<ParameterName>} for each parameter to fill (names exact and case
 * sensitive; NoEcho parameters cannot be filled). Every value is URL-encoded here, so an External
 * ID with {@code +}, {@code /}, {@code =} or {@code :} arrives intact.
 *
 * @param region the region the console opens in, where the stack is created
 * @param templateUrl the template's public HTTPS URL (a deployment setting)
 * @param stackName the stack's name
 * @param externalId the connection's External ID
 * @param deploymentAccountId the account Errorbridge runs in
 * @param eventBusName the bus, by name or ARN
 * @param roleName the role's name, or {@code null} for the template's default
 */
public record QuickCreateLink(
    String region,
    URI templateUrl,
    String stackName,
    String externalId,
    String deploymentAccountId,
    String eventBusName,
    String roleName) {

  /** Where the console's quick-create page is; the region goes in the query. */
  public static final String CONSOLE = "https://console.aws.amazon.com/cloudformation/home";

  /** The template's parameter names. */
  static final String EXTERNAL_ID_PARAMETER = "ExternalId";

  static final String DEPLOYMENT_ACCOUNT_PARAMETER = "DeploymentAccountId";
  static final String EVENT_BUS_PARAMETER = "EventBusName";
  static final String ROLE_NAME_PARAMETER = "RoleName";

  private static final String FRAGMENT_PREFIX = "/stacks/quickcreate?";
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_+=,.@:/-]{2,1224}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");
  private static final Pattern BUS =
      Pattern.compile(
          "[.\\-_A-Za-z0-9]{1,256}"
              + "|arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/[.\\-_A-Za-z0-9]{1,256}");

  /**
   * Checks every value, reporting all problems at once.
   *
   * @throws QuickCreateLinkInvalidException naming each invalid value and what it must be
   */
  public QuickCreateLink {
    List<String> problems = new ArrayList<>();
    check(problems, region, REGION, "region", "an AWS region such as eu-west-1");
    if (templateUrl == null
        || !"https".equals(templateUrl.getScheme())
        || templateUrl.getHost() == null) {
      problems.add(
          "templateUrl must be the template's public https:// URL (e.g. in S3); got "
              + templateUrl);
    }
    check(
        problems,
        stackName,
        STACK_NAME,
        "stackName",
        "1-128 letters, digits and hyphens, starting with a letter");
    check(
        problems,
        externalId,
        EXTERNAL_ID,
        "externalId",
        "2-1224 characters of A-Z a-z 0-9 _ + = , . @ : / -");
    check(problems, deploymentAccountId, ACCOUNT_ID, "deploymentAccountId", "12 digits");
    check(problems, eventBusName, BUS, "eventBusName", "a custom event bus name, or its ARN");
    if (roleName != null) {
      check(problems, roleName, ROLE_NAME, "roleName", "1-64 of A-Z a-z 0-9 _ + = , . @ -");
    }
    if (!problems.isEmpty()) {
      throw new QuickCreateLinkInvalidException(problems);
    }
  }

  /** The link, every value URL-encoded. */
  public URI toUri() {
    Map<String, String> fragment = new LinkedHashMap<>();
    fragment.put("templateURL", templateUrl.toString());
    fragment.put("stackName", stackName);
    fragment.put("param_" + EXTERNAL_ID_PARAMETER, externalId);
    fragment.put("param_" + DEPLOYMENT_ACCOUNT_PARAMETER, deploymentAccountId);
    fragment.put("param_" + EVENT_BUS_PARAMETER, eventBusName);
    if (roleName != null) {
      fragment.put("param_" + ROLE_NAME_PARAMETER, roleName);
    }
    StringBuilder link =
        new StringBuilder(CONSOLE).append("?region=").append(encode(region)).append('#');
    link.append(FRAGMENT_PREFIX);
    String separator = "";
    for (Map.Entry<String, String> parameter : fragment.entrySet()) {
      link.append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(encode(parameter.getValue()));
      separator = "&";
    }
    return URI.create(link.toString());
  }

  /**
   * Reads a link {@link #toUri()} made back into its values.
   *
   * @throws QuickCreateLinkInvalidException when it is not a quick-create link with every value
   */
  public static QuickCreateLink parse(URI link) {
    String fragment = link.getRawFragment();
    if (!link.toString().startsWith(CONSOLE + "?")
        || fragment == null
        || !fragment.startsWith(FRAGMENT_PREFIX)) {
      throw new QuickCreateLinkInvalidException(
          List.of("not a quick-create link (" + CONSOLE + "?region=…#" + FRAGMENT_PREFIX + "…)"));
    }
    Map<String, String> query = decode(link.getRawQuery());
    Map<String, String> values = decode(fragment.substring(FRAGMENT_PREFIX.length()));
    String template = values.get("templateURL");
    return new QuickCreateLink(
        query.get("region"),
        template == null ? null : URI.create(template),
        values.get("stackName"),
        values.get("param_" + EXTERNAL_ID_PARAMETER),
        values.get("param_" + DEPLOYMENT_ACCOUNT_PARAMETER),
        values.get("param_" + EVENT_BUS_PARAMETER),
        values.get("param_" + ROLE_NAME_PARAMETER));
  }

  /** Percent-encodes everything but unreserved characters (a space is %20, never +). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Map<String, String> decode(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static void check(
      List<String> problems, String value, Pattern pattern, String name, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      problems.add(
          name
              + " must be "
              + expected
              + "; got "
              + (value == null ? "nothing" : "'" + value + "'"));
    }
  }
}

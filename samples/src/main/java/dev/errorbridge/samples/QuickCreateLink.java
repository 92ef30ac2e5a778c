package dev.errorbridge.samples;

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
 * The CloudFormation console link that opens the customer role template ({@link CustomerRoleStack})
 * with the connection's External ID, the deployment's account and the bus already filled in, so a
 * customer grants ASSUME_ROLE access in one click.
 *
 * <p>The format is AWS's quick-create link
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-console-create-stacks-quick-create-links.html):
 * {@code templateURL} ("Required. Specifies the URL of the stack template. URL encoding is
 * supported, but it isn't required."), {@code stackName} ("A stack name can contain only
 * alphanumeric characters (case-sensitive) and hyphens. It must start with an alphabetic character
 * and can't be longer than 128 characters.") and {@code param_<ParameterName>} for each template
 * parameter that is not NoEcho ("the parameter name segment must exactly match the parameter name
 * in the template"; "All query parameter names are case sensitive"). Every value is URL-encoded
 * here, so an External ID with {@code +}, {@code /}, {@code =} or {@code :} arrives intact.
 *
 * <p>This is the piece the settings API needs for an ASSUME_ROLE connection; it lives in samples
 * until connector-core takes it over (it depends on nothing but the JDK).
 *
 * @param region the region the console opens in, where the stack is created
 * @param templateUrl the template's public HTTPS URL (a deployment setting)
 * @param stackName the stack's name
 * @param externalId the connection's External ID
 * @param deploymentAccountId the account Errorbridge runs in
 * @param eventBusName the bus, by name or ARN
 */
public record QuickCreateLink(
    String region,
    URI templateUrl,
    String stackName,
    String externalId,
    String deploymentAccountId,
    String eventBusName) {

  /** Where the console's quick-create page is; the region goes in the query. */
  public static final String CONSOLE = "https://console.aws.amazon.com/cloudformation/home";

  private static final String FRAGMENT_PREFIX = "/stacks/quickcreate?";
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_+=,.@:/-]{2,1224}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
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
    if (!problems.isEmpty()) {
      throw new QuickCreateLinkInvalidException(problems);
    }
  }

  /** The link, every value URL-encoded. */
  public URI toUri() {
    Map<String, String> fragment = new LinkedHashMap<>();
    fragment.put("templateURL", templateUrl.toString());
    fragment.put("stackName", stackName);
    fragment.put("param_" + CustomerRoleStack.EXTERNAL_ID, externalId);
    fragment.put("param_" + CustomerRoleStack.DEPLOYMENT_ACCOUNT_ID, deploymentAccountId);
    fragment.put("param_" + CustomerRoleStack.EVENT_BUS_NAME, eventBusName);
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
        values.get("param_" + CustomerRoleStack.EXTERNAL_ID),
        values.get("param_" + CustomerRoleStack.DEPLOYMENT_ACCOUNT_ID),
        values.get("param_" + CustomerRoleStack.EVENT_BUS_NAME));
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

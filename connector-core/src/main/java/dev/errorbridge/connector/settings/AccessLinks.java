package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.DestinationAuth;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the deployment needs to offer ASSUME_ROLE customers the one-click role ({@link
 * QuickCreateLink}): where the customer role template is published and the account Errorbridge runs
 * in, which the role must trust. Both are deployment settings; without them the settings API shows
 * no link.
 *
 * @param templateUrl the customer role template's public https URL, or {@code null}
 * @param deploymentAccountId the 12-digit account Errorbridge runs in, or {@code null}
 */
public record AccessLinks(URI templateUrl, String deploymentAccountId) {
  /** The template's public URL. */
  public static final String TEMPLATE_URL_VARIABLE = "ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL";

  /** The account the customer's role trusts. */
  public static final String ACCOUNT_VARIABLE = "ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID";

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");
  private static final AccessLinks NONE = new AccessLinks(null, null);

  /** No link. */
  public static AccessLinks none() {
    return NONE;
  }

  /**
   * Reads the two settings (both absent: no link), adding a problem for each invalid or missing
   * one.
   */
  public static AccessLinks read(String templateUrl, String accountId, List<String> problems) {
    boolean hasTemplate = templateUrl != null && !templateUrl.isBlank();
    boolean hasAccount = accountId != null && !accountId.isBlank();
    if (!hasTemplate && !hasAccount) {
      return NONE;
    }
    int before = problems.size();
    URI template = null;
    if (!hasTemplate) {
      problems.add(
          TEMPLATE_URL_VARIABLE
              + " is required with "
              + ACCOUNT_VARIABLE
              + ": the public https:// URL of samples/cloudformation/errorbridge-customer-role.json"
              + " (e.g. in S3)");
    } else {
      try {
        template = URI.create(templateUrl.trim());
      } catch (IllegalArgumentException e) {
        template = null;
      }
      if (template == null || !"https".equals(template.getScheme()) || template.getHost() == null) {
        problems.add(
            TEMPLATE_URL_VARIABLE
                + " must be the template's public https:// URL, e.g."
                + " https://bucket.s3.amazonaws.com/errorbridge-customer-role.json");
      }
    }
    if (!hasAccount || !ACCOUNT.matcher(accountId.trim()).matches()) {
      problems.add(
          ACCOUNT_VARIABLE
              + " must be the 12-digit AWS account Errorbridge runs in (the role the customer"
              + " creates trusts it)");
    }
    return problems.size() > before ? NONE : new AccessLinks(template, accountId.trim());
  }

  /** Whether links are offered. */
  public boolean enabled() {
    return templateUrl != null && deploymentAccountId != null;
  }

  /**
   * The quick-create link of an ASSUME_ROLE connection; empty for other modes, without the
   * settings, or when the connection's bus cannot be a template parameter (a partner bus).
   */
  public Optional<URI> forConnection(Connection connection) {
    if (!enabled()
        || !(connection.destination().auth() instanceof DestinationAuth.AssumeRole role)) {
      return Optional.empty();
    }
    String roleName = role.roleArn().substring(role.roleArn().lastIndexOf('/') + 1);
    boolean plainName = role.roleArn().endsWith(":role/" + roleName);
    try {
      return Optional.of(
          new QuickCreateLink(
                  connection.destination().region(),
                  templateUrl,
                  stackName(connection.id()),
                  role.externalId(),
                  deploymentAccountId,
                  connection.destination().eventBus(),
                  plainName && ROLE_NAME.matcher(roleName).matches() ? roleName : null)
              .toUri());
    } catch (QuickCreateLinkInvalidException e) {
      return Optional.empty();
    }
  }

  /** {@code errorbridge-access-<connection id>}, in the characters a stack name may hold. */
  static String stackName(String connectionId) {
    String name =
        "errorbridge-access-" + connectionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return name.length() <= 128 ? name : name.substring(0, 128);
  }
}

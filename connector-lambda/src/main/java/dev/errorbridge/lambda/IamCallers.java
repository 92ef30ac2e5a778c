package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.errorbridge.connector.audit.Caller;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who calls the IAM-authorised settings API, from the identity API Gateway verified ({@code
 * requestContext.authorizer.iam}) and nothing the client chose.
 *
 * <p>The rule: a tenant acts through an IAM role named {@code <prefix><tenantId>} (default prefix
 * {@value #DEFAULT_ROLE_PREFIX}) in the account that owns the API. A call signed with that role's
 * session ({@code arn:aws:sts::<account>:assumed-role/errorbridge-tenant-acme/<session>}) is tenant
 * {@code acme}; the actor recorded in the audit trail is the full session ARN. Anything else maps
 * to no tenant: IAM users, the root user, roles without the prefix, and a role of that name in
 * another account (an HTTP API has no resource policy, so such a call should never get here; the
 * account check makes sure). Headers such as {@code X-Tenant-Id} are never read.
 */
final class IamCallers {
  /** The role-name prefix used when none is configured. */
  static final String DEFAULT_ROLE_PREFIX = "errorbridge-tenant-";

  private static final Pattern ASSUMED_ROLE =
      Pattern.compile(
          "arn:aws[a-z-]*:sts::(\\d{12}):assumed-role/([\\w+=,.@-]{1,64})/[\\w+=,.@-]+");

  private final String rolePrefix;

  IamCallers(String rolePrefix) {
    this.rolePrefix = Objects.requireNonNull(rolePrefix, "rolePrefix");
    if (rolePrefix.isEmpty()) {
      throw new IllegalArgumentException("the tenant role prefix must not be empty");
    }
  }

  /** The caller, or empty when the verified identity maps to no tenant (or there is none). */
  Optional<Caller> callerOf(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    if (context == null
        || context.getAuthorizer() == null
        || context.getAuthorizer().getIam() == null) {
      return Optional.empty();
    }
    APIGatewayV2HTTPEvent.RequestContext.IAM iam = context.getAuthorizer().getIam();
    String arn = iam.getUserArn();
    if (arn == null) {
      return Optional.empty();
    }
    Matcher matcher = ASSUMED_ROLE.matcher(arn);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String account = matcher.group(1);
    String role = matcher.group(2);
    if (!account.equals(iam.getAccountId())
        || !account.equals(context.getAccountId())
        || !role.startsWith(rolePrefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Caller(role.substring(rolePrefix.length()), arn));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a role name whose tail is no valid tenant id (e.g. '+' or ',')
    }
  }
}

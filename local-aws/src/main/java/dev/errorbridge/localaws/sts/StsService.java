package dev.errorbridge.localaws.sts;

import static dev.errorbridge.localaws.internal.QueryXml.escape;

import dev.errorbridge.localaws.internal.AwsQueryService;
import dev.errorbridge.localaws.internal.RequestContext;
import java.util.Map;

/**
 * AWS STS over the AWS Query protocol (form-encoded {@code Action=…&Version=2011-06-15}, XML
 * answers): {@code AssumeRole} and {@code GetCallerIdentity}.
 *
 * <p>Roles come from {@link StsRoles}; issued credentials ({@code ASIA…} key, secret, session
 * token, expiry on the server's clock) go to {@link StsSessions}, where the signature verifier
 * finds them, so requests signed with them act in the role's account until they expire.
 */
public final class StsService implements AwsQueryService {
  static final String VERSION = "2011-06-15";
  static final String XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final StsSessions sessions;
  private final AssumeRoleOperation assumeRole;

  public StsService(StsRoles roles, StsSessions sessions, AssumeRoleLog log) {
    this.sessions = sessions;
    this.assumeRole = new AssumeRoleOperation(roles, sessions, log);
  }

  @Override
  public String signingName() {
    return "sts";
  }

  @Override
  public String xmlNamespace() {
    return XML_NAMESPACE;
  }

  @Override
  public String handle(
      String action, Map<String, String> params, RequestContext context, String requestId) {
    return switch (action == null ? "" : action) {
      case "AssumeRole" -> assumeRole.assumeRole(params, context, requestId);
      case "GetCallerIdentity" -> callerIdentity(context, requestId);
      default -> throw StsErrors.invalidAction(action);
    };
  }

  /**
   * A session's assumed-role identity; a long-term key is reported as its account's root, since
   * local-aws keys belong to accounts, not to IAM users.
   */
  private String callerIdentity(RequestContext context, String requestId) {
    StsSession session = sessions.find(context.accessKeyId());
    String arn =
        session != null
            ? session.assumedRoleArn()
            : "arn:aws:iam::" + context.accountId() + ":root";
    String userId = session != null ? session.assumedRoleId() : context.accountId();
    return "<GetCallerIdentityResponse xmlns=\""
        + XML_NAMESPACE
        + "\">\n  <GetCallerIdentityResult>\n    <Arn>"
        + escape(arn)
        + "</Arn>\n    <UserId>"
        + escape(userId)
        + "</UserId>\n    <Account>"
        + context.accountId()
        + "</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>"
        + requestId
        + "</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n";
  }
}

package dev.errorbridge.localaws.sts;

import static dev.errorbridge.localaws.internal.QueryXml.escape;

import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AssumeRole: validates the parameters with STS's constraints, checks the role's trust (caller
 * account and External ID), issues temporary credentials in the role's account and records the
 * request.
 */
final class AssumeRoleOperation {
  static final int DEFAULT_DURATION_SECONDS = 3600;
  static final int MIN_DURATION_SECONDS = 900;
  static final int MAX_DURATION_SECONDS = 43_200;

  /** AWS caps a session assumed with another session's credentials (role chaining) at 1 hour. */
  static final int CHAINED_MAX_DURATION_SECONDS = 3600;

  private static final String SESSION_NAME_PATTERN = "[\\w+=,.@-]*";
  private static final String EXTERNAL_ID_PATTERN = "[\\w+=,.@:\\/-]*";
  private static final Pattern SESSION_NAME = Pattern.compile(SESSION_NAME_PATTERN);
  private static final Pattern EXTERNAL_ID = Pattern.compile(EXTERNAL_ID_PATTERN);

  private final StsRoles roles;
  private final StsSessions sessions;
  private final AssumeRoleLog log;

  AssumeRoleOperation(StsRoles roles, StsSessions sessions, AssumeRoleLog log) {
    this.roles = roles;
    this.sessions = sessions;
    this.log = log;
  }

  String assumeRole(Map<String, String> params, RequestContext context, String requestId) {
    String roleArn = params.get("RoleArn");
    String sessionName = params.get("RoleSessionName");
    String externalId = params.get("ExternalId");
    String durationParam = params.get("DurationSeconds");
    Integer duration = null;
    String errorCode = null;
    try {
      duration = parseDuration(durationParam);
      validate(roleArn, sessionName, externalId, durationParam, duration);
      StsSession session = authorize(roleArn, sessionName, externalId, duration, context);
      return response(session, requestId);
    } catch (AwsServiceException e) {
      errorCode = e.errorType();
      throw e;
    } finally {
      log.record(
          new AssumeRoleCall(
              context.receivedAt(),
              context.accountId(),
              context.accessKeyId(),
              roleArn,
              sessionName,
              externalId,
              duration,
              errorCode));
    }
  }

  private StsSession authorize(
      String roleArn,
      String sessionName,
      String externalId,
      Integer requestedDuration,
      RequestContext context) {
    StsRoles.Registered registered = roles.find(roleArn);
    StsSession caller = sessions.find(context.accessKeyId());
    String callerArn =
        caller != null ? caller.assumedRoleArn() : "arn:aws:iam::" + context.accountId() + ":root";
    if (registered == null
        || !registered.role().trustedAccountIds().contains(context.accountId())
        || !externalIdSatisfies(registered.role(), externalId)) {
      throw StsErrors.accessDenied(callerArn, roleArn);
    }
    int duration = requestedDuration == null ? DEFAULT_DURATION_SECONDS : requestedDuration;
    if (caller != null && requestedDuration != null && duration > CHAINED_MAX_DURATION_SECONDS) {
      throw StsErrors.durationAboveChainingLimit();
    }
    if (duration > registered.role().maxSessionDurationSeconds()) {
      throw StsErrors.durationAboveRoleMaximum();
    }
    return sessions.issue(registered, sessionName, duration, context.receivedAt());
  }

  /** A trust policy without an {@code sts:ExternalId} condition accepts any (or no) External ID. */
  private static boolean externalIdSatisfies(StsRole role, String externalId) {
    return role.requiredExternalId() == null || role.requiredExternalId().equals(externalId);
  }

  private static Integer parseDuration(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw StsErrors.validationError(
          "Value '"
              + value
              + "' at 'durationSeconds' failed to satisfy constraint: Member must be"
              + " an integer");
    }
  }

  private static void validate(
      String roleArn,
      String sessionName,
      String externalId,
      String durationParam,
      Integer duration) {
    List<String> violations = new ArrayList<>();
    if (roleArn == null) {
      violations.add(notNull("roleArn"));
    } else if (roleArn.length() < 20 || roleArn.length() > 2048) {
      violations.add(
          violation(
              roleArn,
              "roleArn",
              roleArn.length() < 20
                  ? "Member must have length greater than or equal to 20"
                  : "Member must have length less than or equal to 2048"));
    }
    if (sessionName == null) {
      violations.add(notNull("roleSessionName"));
    } else {
      lengthAndPattern(violations, sessionName, "roleSessionName", 2, 64, SESSION_NAME);
    }
    if (externalId != null) {
      lengthAndPattern(violations, externalId, "externalId", 2, 1224, EXTERNAL_ID);
    }
    if (duration != null && duration < MIN_DURATION_SECONDS) {
      violations.add(
          violation(
              durationParam,
              "durationSeconds",
              "Member must have value greater than or equal to " + MIN_DURATION_SECONDS));
    } else if (duration != null && duration > MAX_DURATION_SECONDS) {
      violations.add(
          violation(
              durationParam,
              "durationSeconds",
              "Member must have value less than or equal to " + MAX_DURATION_SECONDS));
    }
    if (!violations.isEmpty()) {
      throw StsErrors.validation(violations);
    }
    if (!StsRole.isRoleArn(roleArn)) {
      // Well-sized but not an IAM role ARN: STS says so in its own words.
      throw StsErrors.validationError(roleArn + " is invalid");
    }
  }

  private static void lengthAndPattern(
      List<String> violations, String value, String member, int min, int max, Pattern pattern) {
    if (value.length() < min) {
      violations.add(
          violation(value, member, "Member must have length greater than or equal to " + min));
    } else if (value.length() > max) {
      violations.add(
          violation(value, member, "Member must have length less than or equal to " + max));
    }
    if (!pattern.matcher(value).matches()) {
      violations.add(
          violation(
              value,
              member,
              "Member must satisfy regular expression pattern: " + pattern.pattern()));
    }
  }

  private static String notNull(String member) {
    return "Value null at '" + member + "' failed to satisfy constraint: Member must not be null";
  }

  private static String violation(String value, String member, String constraint) {
    return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
  }

  private static String response(StsSession session, String requestId) {
    return "<AssumeRoleResponse xmlns=\""
        + StsService.XML_NAMESPACE
        + "\">\n  <AssumeRoleResult>\n    <AssumedRoleUser>\n      <Arn>"
        + escape(session.assumedRoleArn())
        + "</Arn>\n      <AssumedRoleId>"
        + escape(session.assumedRoleId())
        + "</AssumedRoleId>\n    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>"
        + session.accessKeyId()
        + "</AccessKeyId>\n      <SecretAccessKey>"
        + escape(session.secretAccessKey())
        + "</SecretAccessKey>\n      <SessionToken>"
        + escape(session.sessionToken())
        + "</SessionToken>\n      <Expiration>"
        + DateTimeFormatter.ISO_INSTANT.format(session.expiration())
        + "</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n  <ResponseMetadata>\n"
        + "    <RequestId>"
        + requestId
        + "</RequestId>\n  </ResponseMetadata>\n</AssumeRoleResponse>\n";
  }
}

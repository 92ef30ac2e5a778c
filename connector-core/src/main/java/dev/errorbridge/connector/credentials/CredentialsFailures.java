package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.secrets.SecretCipherException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns what STS, KMS or the runtime's provider threw into the mode's {@link
 * DestinationCredentialsException}: classified, worded with the fix, and free of secrets (only the
 * connection id, the role ARN, the External ID and masked key hints are named).
 */
final class CredentialsFailures {
  /** Errorbridge's own identity refused by STS: the operator's problem, not the connection's. */
  private static final Set<String> OWN_IDENTITY_CODES =
      Set.of(
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "IncompleteSignature",
          "MissingAuthenticationToken");

  /** KMS codes that say "not now" rather than "never". */
  private static final Set<String> TRANSIENT_KMS_CODES =
      Set.of("KMSInternalException", "DependencyTimeoutException", "KeyUnavailableException");

  private CredentialsFailures() {}

  static AssumeRoleFailedException assumeRole(
      String connectionId, String region, DestinationAuth.AssumeRole auth, Throwable failure) {
    AwsServiceException service = awsServiceException(failure);
    String code = service == null ? null : errorCode(service);
    CredentialsFailureAction action;
    String problem;
    if (service == null) {
      action = CredentialsFailureAction.RETRY;
      problem =
          "STS in " + region + " could not be reached (" + simpleName(failure) + "); will retry.";
    } else if (service.isThrottlingException() || service.statusCode() >= 500) {
      action = CredentialsFailureAction.RETRY;
      problem = "STS answered " + code + " (throttled or unavailable); will retry.";
    } else if ("AccessDenied".equals(code)) {
      action = CredentialsFailureAction.SUSPEND;
      problem =
          "STS answered AccessDenied. In the role's trust policy, allow Errorbridge's AWS account"
              + " the action sts:AssumeRole with the condition {\"StringEquals\":"
              + " {\"sts:ExternalId\": \""
              + auth.externalId()
              + "\"}} (the External ID shown for this connection), then enable the connection"
              + " again.";
    } else if (OWN_IDENTITY_CODES.contains(code)) {
      action = CredentialsFailureAction.RETRY;
      problem =
          "STS refused Errorbridge's own credentials ("
              + code
              + "); the operator must check the runtime's role. The connection is not at fault;"
              + " will retry.";
    } else if ("RegionDisabledException".equals(code)) {
      action = CredentialsFailureAction.ERROR;
      problem =
          "STS is not activated in "
              + region
              + " for Errorbridge's account; the operator must activate it (IAM account settings).";
    } else {
      action = CredentialsFailureAction.ERROR;
      problem =
          "STS answered "
              + code
              + ": "
              + errorMessage(service)
              + ". Check the role ARN, and that the role's maximum session duration allows the"
              + " session Errorbridge asks for.";
    }
    return new AssumeRoleFailedException(
        "Connection " + connectionId + " could not assume role " + auth.roleArn() + ": " + problem,
        connectionId,
        auth.roleArn(),
        action,
        code,
        failure);
  }

  static AccessKeysUnavailableException accessKeys(
      String connectionId, DestinationAuth.AccessKeys auth, RuntimeException failure) {
    String prefix =
        "Connection "
            + connectionId
            + " cannot use its stored access keys ("
            + auth.accessKeyIdHint()
            + "): ";
    String problem;
    CredentialsFailureAction action;
    String code = null;
    if (failure instanceof SecretCipherException cipher) {
      code = cipher.kmsErrorCode();
      AwsServiceException service = awsServiceException(cipher);
      boolean transientFailure =
          (service != null && (service.isThrottlingException() || service.statusCode() >= 500))
              || TRANSIENT_KMS_CODES.contains(code);
      // KmsSecretCipher's message names the connection, the KMS key and the fix.
      problem = cipher.getMessage();
      action = transientFailure ? CredentialsFailureAction.RETRY : CredentialsFailureAction.ERROR;
    } else if (failure instanceof SdkClientException) {
      problem = "KMS could not be reached (" + simpleName(failure) + "); will retry.";
      action = CredentialsFailureAction.RETRY;
    } else {
      problem = "decrypting them failed (" + simpleName(failure) + ").";
      action = CredentialsFailureAction.ERROR;
    }
    return new AccessKeysUnavailableException(
        prefix + problem, connectionId, action, code, failure);
  }

  static AmbientCredentialsUnavailableException ambient(
      String connectionId, RuntimeException failure) {
    String prefix =
        "Connection " + connectionId + " publishes with the runtime's own credentials: ";
    AwsServiceException service = awsServiceException(failure);
    if (service != null && (service.isThrottlingException() || service.statusCode() >= 500)) {
      return new AmbientCredentialsUnavailableException(
          prefix
              + "resolving them was throttled or failed ("
              + errorCode(service)
              + "); will retry.",
          connectionId,
          CredentialsFailureAction.RETRY,
          errorCode(service),
          failure);
    }
    return new AmbientCredentialsUnavailableException(
        prefix
            + "none could be resolved ("
            + simpleName(failure)
            + "). Give the Lambda function or host a role allowed events:PutEvents on the bus, or"
            + " switch the connection to ASSUME_ROLE.",
        connectionId,
        CredentialsFailureAction.ERROR,
        service == null ? null : errorCode(service),
        failure);
  }

  /** The AWS service error behind {@code failure}, which the SDK may have wrapped. */
  private static AwsServiceException awsServiceException(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof AwsServiceException service) {
        return service;
      }
    }
    return null;
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? "HTTP " + e.statusCode()
        : e.awsErrorDetails().errorCode();
  }

  private static String errorMessage(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
  }

  private static String simpleName(Throwable failure) {
    return failure.getClass().getSimpleName();
  }
}

package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.credentials.DestinationCredentialsException;
import dev.errorbridge.connector.secrets.SecretCipherException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** What to tell a user whose connection test failed, by step and AWS error code. */
final class TestFixes {
  private TestFixes() {}

  /** The error as shown to the user: its AWS code and message, or its type and message. */
  static String describe(Throwable e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode()
          + ": "
          + service.awsErrorDetails().errorMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  static String forCredentials(Throwable e) {
    var credentials = DestinationCredentialsException.find(e);
    if (credentials.isPresent()) {
      return credentials.get().getMessage(); // names the connection, the failure and the fix
    }
    if (e instanceof SecretCipherException cipher) {
      return cipher.keyUnavailable()
          ? "the KMS key that encrypts this connection's secrets is disabled, pending deletion or"
              + " not usable by Errorbridge's role; re-enable it, or re-enter the secrets"
          : "the stored secrets cannot be decrypted; re-enter destination.auth";
    }
    return "check destination.auth: "
        + (e.getMessage() == null ? "the credentials could not be resolved" : e.getMessage());
  }

  static String forDescribe(Throwable e, ConnectionDestination destination) {
    String code = ConnectionTester.code(e);
    if (code == null) {
      return "EventBridge in "
          + destination.region()
          + " could not be reached; check the network and try again";
    }
    return switch (code) {
      case "ResourceNotFoundException" ->
          "the event bus "
              + destination.eventBus()
              + " does not exist in "
              + destination.region()
              + "; create it (aws events create-event-bus --name ...) or correct"
              + " destination.eventBus and destination.region";
      case "AccessDeniedException" ->
          "allow events:DescribeEventBus and events:PutEvents on "
              + busArn(destination)
              + " for "
              + principal(destination)
              + " (see samples/ for the policy)";
      case "UnrecognizedClientException", "InvalidClientTokenId" ->
          "the access key id is not"
              + " known to AWS; check destination.auth.accessKeyId, or create a new key";
      case "InvalidSignatureException", "SignatureDoesNotMatch" ->
          "the secret access key does"
              + " not match the access key id; re-enter destination.auth.secretAccessKey";
      case "ExpiredTokenException" ->
          "the session token has expired; use long-lived keys or" + " ASSUME_ROLE";
      default -> "EventBridge refused DescribeEventBus (" + code + "); see the detail";
    };
  }

  static String forPutEvents(Throwable e, ConnectionDestination destination) {
    if ("AccessDeniedException".equals(ConnectionTester.code(e))) {
      return "allow events:PutEvents on " + busArn(destination) + " for " + principal(destination);
    }
    return forDescribe(e, destination);
  }

  static String forEntryError(String code) {
    return switch (code) {
      case "AccessDeniedException", "NotAuthorizedForSourceException" ->
          "allow events:PutEvents"
              + " on the bus (and the events:source condition, if any, for the configured"
              + " mapping.sourceName)";
      case "MalformedDetail", "InvalidArgument" ->
          "the test event was refused as malformed;" + " check mapping.sourceName";
      case "ThrottlingException" ->
          "the bus is throttling PutEvents; try again in a moment or"
              + " raise the account's PutEvents quota";
      default -> "EventBridge refused the test event (" + code + ")";
    };
  }

  private static String busArn(ConnectionDestination destination) {
    return destination.eventBus().startsWith("arn:")
        ? destination.eventBus()
        : "arn:aws:events:"
            + destination.region()
            + ":<account>:event-bus/"
            + destination.eventBus();
  }

  private static String principal(ConnectionDestination destination) {
    if (destination.auth() instanceof DestinationAuth.AssumeRole role) {
      return "the role " + role.roleArn();
    }
    if (destination.auth() instanceof DestinationAuth.AccessKeys keys) {
      return "the IAM user of access key " + keys.accessKeyIdHint();
    }
    return "Errorbridge's runtime role";
  }
}

package dev.errorbridge.localaws.kms;

import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;

/**
 * The KMS error responses, with the wire error codes the AWS SDK maps to its modelled exceptions
 * and messages worded the way AWS words them, so client code that logs or matches them behaves as
 * it would against the real service.
 */
final class KmsErrors {
  private KmsErrors() {}

  static AwsServiceException notFound(String message) {
    return AwsServiceException.clientError("NotFoundException", message);
  }

  static AwsServiceException keyNotFound(String keyArn) {
    return notFound("Key '" + keyArn + "' does not exist");
  }

  static AwsServiceException aliasNotFound(String aliasName) {
    return notFound("Alias '" + aliasName + "' is not found.");
  }

  /**
   * Another account's key or alias: local-aws has no key policies or grants, so cross-account use
   * is always refused, the way AWS refuses it when no policy allows it.
   */
  static AwsServiceException accessDenied(
      RequestContext context, String operation, String resourceArn) {
    return AwsServiceException.clientError(
        "AccessDeniedException",
        "User: arn:aws:iam::"
            + context.accountId()
            + ":root is not authorized to perform: kms:"
            + operation
            + " on resource: "
            + resourceArn
            + " because no resource-based policy allows the kms:"
            + operation
            + " action");
  }

  static AwsServiceException disabled(String keyArn) {
    return AwsServiceException.clientError("DisabledException", keyArn + " is disabled.");
  }

  static AwsServiceException pendingDeletion(String keyArn) {
    return AwsServiceException.clientError(
        "KMSInvalidStateException", keyArn + " is pending deletion.");
  }

  /**
   * One message for every way a ciphertext can fail (malformed, tampered, wrong context), so the
   * error never tells a caller which part of a forged blob was wrong; AWS is as terse.
   */
  static AwsServiceException invalidCiphertext() {
    return AwsServiceException.clientError(
        "InvalidCiphertextException",
        "The ciphertext is invalid or does not match the key and encryption context.");
  }

  static AwsServiceException incorrectKey() {
    return AwsServiceException.clientError(
        "IncorrectKeyException",
        "The key ID in the request does not identify a KMS key that can perform this operation.");
  }

  static AwsServiceException invalidKeyUsage(String message) {
    return AwsServiceException.clientError("InvalidKeyUsageException", message);
  }

  static AwsServiceException unsupported(String message) {
    return AwsServiceException.clientError("UnsupportedOperationException", message);
  }

  static AwsServiceException alreadyExists(String aliasArn) {
    return AwsServiceException.clientError(
        "AlreadyExistsException", "An alias with the name " + aliasArn + " already exists");
  }

  /** AWS reserves {@code alias/aws/} for its managed keys and refuses to let customers use it. */
  static AwsServiceException reservedAlias(String aliasName) {
    return AwsServiceException.clientError(
        "NotAuthorizedException",
        "Alias "
            + aliasName
            + " uses the prefix 'alias/aws/', which is reserved for AWS managed"
            + " keys.");
  }

  static AwsServiceException unknownOperation(String operation) {
    return AwsServiceException.clientError(
        "UnknownOperationException", "Operation '" + operation + "' is not supported by KMS.");
  }
}

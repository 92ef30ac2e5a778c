package dev.errorbridge.connector.secrets;

/**
 * What a secret is for; part of its KMS encryption context, so a ciphertext cannot change roles.
 */
public enum SecretPurpose {
  AWS_SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN,
  PLATFORM_API_KEY,
  WEBHOOK_SECRET,
  /** The deployment's key for page cursors (not a connection's; see DynamoDbPageCursorKey). */
  PAGE_CURSOR_KEY
}

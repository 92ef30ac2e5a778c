package dev.errorbridge.connector.secrets;

import java.util.Map;

/**
 * Which secret: a connection's secret for one purpose. It is the KMS encryption context, so a
 * ciphertext copied to another tenant, connection or purpose does not decrypt.
 *
 * @param tenantId the tenant
 * @param connectionId the connection
 * @param purpose what the secret is for
 */
public record SecretRef(String tenantId, String connectionId, SecretPurpose purpose) {
  public SecretRef {
    if (tenantId == null || tenantId.isBlank() || connectionId == null || connectionId.isBlank()) {
      throw new IllegalArgumentException("a secret needs a tenantId and a connectionId");
    }
    if (purpose == null) {
      throw new IllegalArgumentException("a secret needs a purpose");
    }
  }

  /**
   * The encryption context KMS binds to the ciphertext (and logs in CloudTrail: ids only, no
   * secrets).
   */
  public Map<String, String> encryptionContext() {
    return Map.of(
        "app",
        "errorbridge",
        "tenantId",
        tenantId,
        "connectionId",
        connectionId,
        "purpose",
        purpose.name());
  }
}

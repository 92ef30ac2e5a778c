package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * A connection's stored access keys, decrypted when a call is signed and never before: building it
 * (e.g. during a SnapStart or Lambda init) touches no tenant secret. Every resolution goes through
 * the {@link SecretCipher}, whose TTL cache keeps the warm path free of KMS calls; there is
 * deliberately no second cache here, so invalidating the cipher takes effect.
 */
final class AccessKeysCredentialsProvider implements AwsCredentialsProvider {
  private final String tenantId;
  private final String connectionId;
  private final DestinationAuth.AccessKeys auth;
  private final SecretCipher cipher;

  AccessKeysCredentialsProvider(
      String tenantId, String connectionId, DestinationAuth.AccessKeys auth, SecretCipher cipher) {
    this.tenantId = tenantId;
    this.connectionId = connectionId;
    this.auth = auth;
    this.cipher = cipher;
  }

  /**
   * @throws AccessKeysUnavailableException when a secret cannot be decrypted
   */
  @Override
  public AwsCredentials resolveCredentials() {
    try {
      String secretAccessKey = decrypt(SecretPurpose.AWS_SECRET_ACCESS_KEY, auth.secretAccessKey());
      if (auth.sessionToken() == null) {
        return AwsBasicCredentials.create(auth.accessKeyId(), secretAccessKey);
      }
      String sessionToken = decrypt(SecretPurpose.AWS_SESSION_TOKEN, auth.sessionToken());
      return AwsSessionCredentials.create(auth.accessKeyId(), secretAccessKey, sessionToken);
    } catch (RuntimeException e) {
      throw CredentialsFailures.accessKeys(connectionId, auth, e);
    }
  }

  private String decrypt(SecretPurpose purpose, StoredSecret stored) {
    return cipher
        .decrypt(new SecretRef(tenantId, connectionId, purpose), stored.encrypted())
        .reveal();
  }

  @Override
  public String toString() {
    return "AccessKeysCredentialsProvider[connectionId="
        + connectionId
        + ", accessKeyId="
        + auth.accessKeyIdHint()
        + "]";
  }
}

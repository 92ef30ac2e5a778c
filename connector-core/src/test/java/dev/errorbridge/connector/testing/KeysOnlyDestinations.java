package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Destinations for ACCESS_KEYS connections, decrypting the keys through the cipher on first use,
 * pointed at local-aws. Enough for settings tests; the production resolver covers every mode.
 */
public final class KeysOnlyDestinations implements ConnectionDestinations {
  private final SecretCipher cipher;
  private final URI endpoint;

  public KeysOnlyDestinations(SecretCipher cipher, URI endpoint) {
    this.cipher = cipher;
    this.endpoint = endpoint;
  }

  @Override
  public Destination resolve(Connection c) {
    DestinationAuth.AccessKeys keys = (DestinationAuth.AccessKeys) c.destination().auth();
    AwsCredentialsProvider credentials =
        () ->
            AwsBasicCredentials.create(
                keys.accessKeyId(),
                cipher
                    .decrypt(
                        new SecretRef(c.tenantId(), c.id(), SecretPurpose.AWS_SECRET_ACCESS_KEY),
                        keys.secretAccessKey().encrypted())
                    .reveal());
    return new Destination(
        c.tenantId(),
        c.id(),
        Region.of(c.destination().region()),
        c.destination().eventBus(),
        credentials,
        endpoint);
  }

  @Override
  public void invalidate(String connectionId) {
    // nothing cached
  }
}

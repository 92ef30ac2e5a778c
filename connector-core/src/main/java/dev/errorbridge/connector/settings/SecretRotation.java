package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.secrets.SecretPurpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Re-encrypts every ciphertext of a connection under the current KMS key. */
final class SecretRotation {
  private SecretRotation() {}

  /** The re-encrypted connection and the names of the secrets that were re-encrypted. */
  record Result(Connection connection, List<String> fields) {}

  static Result rotate(Connection c, SecretSealer sealer, Instant now) {
    List<String> fields = new ArrayList<>();
    ConnectionSource s = c.source();
    if (s.apiKey() != null) {
      fields.add("source.apiKey");
    }
    ConnectionSource source =
        new ConnectionSource(
            s.platform(),
            s.baseUrl(),
            sealer.reseal(s.apiKey(), SecretPurpose.PLATFORM_API_KEY),
            s.outcomes(),
            s.workflowIds(),
            s.options());
    ConnectionWebhook w = c.webhook();
    if (w.secret() != null) {
      fields.add("webhook.secret");
    }
    if (w.previousSecret() != null) {
      fields.add("webhook.previousSecret");
    }
    ConnectionWebhook webhook =
        new ConnectionWebhook(
            sealer.reseal(w.secret(), SecretPurpose.WEBHOOK_SECRET),
            sealer.reseal(w.previousSecret(), SecretPurpose.WEBHOOK_SECRET),
            w.fieldMapping());
    DestinationAuth auth = c.destination().auth();
    if (auth instanceof DestinationAuth.AccessKeys keys) {
      fields.add("destination.auth.secretAccessKey");
      if (keys.sessionToken() != null) {
        fields.add("destination.auth.sessionToken");
      }
      auth =
          new DestinationAuth.AccessKeys(
              keys.accessKeyId(),
              sealer.reseal(keys.secretAccessKey(), SecretPurpose.AWS_SECRET_ACCESS_KEY),
              sealer.reseal(keys.sessionToken(), SecretPurpose.AWS_SESSION_TOKEN));
    }
    Connection rotated =
        new Connection(
            c.id(),
            c.tenantId(),
            c.name(),
            c.enabled(),
            source,
            webhook,
            new dev.errorbridge.connector.connection.ConnectionDestination(
                c.destination().region(), c.destination().eventBus(), auth),
            c.mapping(),
            c.health(),
            c.createdAt(),
            now,
            c.version());
    return new Result(rotated, List.copyOf(fields));
  }
}

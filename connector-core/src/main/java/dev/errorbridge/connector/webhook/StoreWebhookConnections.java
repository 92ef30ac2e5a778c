package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.WebhookConfigInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping;
import dev.errorbridge.connector.webhook.spi.WebhookRateLimit;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link WebhookConnections} over the connection store: a stored {@link Connection}'s webhook
 * settings, with its secrets decrypted through the {@link SecretCipher} (bound to {@code
 * SecretRef(tenant, connection, WEBHOOK_SECRET)}; the KMS cipher keeps plaintext for 5 minutes, so
 * a warm receiver makes no KMS call) and, for the generic webhook, its field mapping.
 *
 * <p>Empty (one 404 for all of them) for an unknown connection, one whose platform does not push
 * (Dify, Trigify) and one without a webhook secret. A disabled connection is served: the request is
 * verified and then ignored by {@link WebhookIntake}. A store outage or a secret that cannot be
 * decrypted throws, which the receiver answers 503.
 */
public final class StoreWebhookConnections implements WebhookConnections {
  private static final Map<String, WebhookFieldMapping.Field> FIELDS =
      Arrays.stream(WebhookFieldMapping.Field.values())
          .collect(Collectors.toUnmodifiableMap(WebhookFieldMapping.Field::fieldName, f -> f));

  private final ConnectionStore store;
  private final SecretCipher cipher;
  private final WebhookRateLimit rateLimit;
  private final PlatformRegistry registry = PlatformRegistry.builtIn();

  /** With {@link WebhookRateLimit#DEFAULT} for every connection. */
  public StoreWebhookConnections(ConnectionStore store, SecretCipher cipher) {
    this(store, cipher, WebhookRateLimit.DEFAULT);
  }

  /**
   * @param rateLimit the rate limit of every connection's endpoint
   */
  public StoreWebhookConnections(
      ConnectionStore store, SecretCipher cipher, WebhookRateLimit rateLimit) {
    this.store = Objects.requireNonNull(store, "store");
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /**
   * @throws WebhookSecretUnavailableException if a secret could not be decrypted
   * @throws WebhookConfigInvalidException if the stored settings are unusable (a hand edit, a newer
   *     writer)
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if the store cannot answer
   */
  @Override
  public Optional<WebhookSettings> find(String connectionId) {
    Optional<Connection> found = store.find(connectionId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Connection connection = found.get();
    Platform platform = connection.source().platform();
    ConnectionWebhook webhook = connection.webhook();
    if (registry.webhooks(platform).isEmpty() || !webhook.enabled()) {
      return Optional.empty();
    }
    WebhookSettings.Builder settings =
        WebhookSettings.builder()
            .tenantId(connection.tenantId())
            .connectionId(connection.id())
            .platform(platform)
            .secret(decrypt(connection, webhook.secret()))
            .previousSecret(
                webhook.previousSecret() == null
                    ? null
                    : decrypt(connection, webhook.previousSecret()))
            .rateLimit(rateLimit)
            .storedConnection(connection);
    // A platform that only pushes (the generic webhook) finds its fields through the mapping.
    if (registry.polling(platform).isEmpty()) {
      settings.fieldMapping(fieldMapping(webhook.fieldMapping()));
    }
    return Optional.of(settings.build());
  }

  private SecretValue decrypt(Connection connection, StoredSecret secret) {
    SecretRef ref =
        new SecretRef(connection.tenantId(), connection.id(), SecretPurpose.WEBHOOK_SECRET);
    try {
      return cipher.decrypt(ref, secret.encrypted());
    } catch (RuntimeException e) { // KMS refusing, or not reachable at all
      throw new WebhookSecretUnavailableException(
          "Cannot verify webhooks of connection "
              + connection.id()
              + " until its secret can be decrypted: "
              + e.getMessage(),
          e);
    }
  }

  private static WebhookFieldMapping fieldMapping(Map<String, String> pointers) {
    List<String> unknown = new ArrayList<>();
    WebhookFieldMapping.Builder mapping = WebhookFieldMapping.builder();
    pointers.forEach(
        (name, pointer) ->
            Optional.ofNullable(FIELDS.get(name))
                .ifPresentOrElse(
                    field -> mapping.map(field, pointer),
                    () -> unknown.add("fieldMapping." + name + " is not a mapped field")));
    if (!unknown.isEmpty()) {
      throw new WebhookConfigInvalidException(unknown);
    }
    return mapping.build();
  }
}

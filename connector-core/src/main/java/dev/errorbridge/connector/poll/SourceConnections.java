package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.platform.SourceConnectionReader;
import dev.errorbridge.connector.platform.SourceOptionsMap;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.util.Objects;

/**
 * A stored {@link Connection}'s platform settings as the pollers read them: its options through
 * {@link SourceOptionsMap} ({@value PollConfig#POLL_INTERVAL_OPTION} is checked there but read by
 * the scheduler), its base URL (the platform's default when unset), and its platform API key
 * decrypted with the {@link SecretCipher} ({@code SecretRef(tenant, connection,
 * PLATFORM_API_KEY)}). Whatever else reads a platform for a connection (the Alloy webhook
 * enrichment) goes through here too, so it reads the platform exactly as the poller does.
 * Thread-safe.
 */
public final class SourceConnections implements SourceConnectionReader {
  private final SecretCipher cipher;
  private final PlatformRegistry registry;

  /** With the built-in platforms. */
  public SourceConnections(SecretCipher cipher) {
    this(cipher, PlatformRegistry.builtIn());
  }

  public SourceConnections(SecretCipher cipher, PlatformRegistry registry) {
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * The source settings of {@code connection}, with its platform key decrypted. The options are
   * read first, so invalid ones cost no decryption.
   *
   * @throws IllegalArgumentException when the connection has no platform API key (it is not polled)
   * @throws SourceConnectionInvalidException when its options or base URL are invalid
   * @throws SecretCipherException when its key cannot be decrypted
   */
  @Override
  public SourceConnection of(Connection connection) {
    ConnectionSource source = connection.source();
    SourceConnection.Builder builder =
        registry
            .applyOptions(
                source.platform(),
                source.options(),
                SourceConnection.builder(source.platform())
                    .tenantId(connection.tenantId())
                    .connectionId(connection.id()))
            .baseUrl(source.baseUrl());
    if (source.apiKey() == null) {
      throw new IllegalArgumentException(
          "connection " + connection.id() + " has no platform API key: it is not polled");
    }
    SecretRef ref =
        new SecretRef(connection.tenantId(), connection.id(), SecretPurpose.PLATFORM_API_KEY);
    return builder.apiKey(cipher.decrypt(ref, source.apiKey().encrypted())).build();
  }
}

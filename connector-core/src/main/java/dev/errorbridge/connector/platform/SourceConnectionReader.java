package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.source.SourceConnection;

/** Reads a stored connection's poll settings, with its platform API key decrypted. */
@FunctionalInterface
public interface SourceConnectionReader {

  /**
   * @throws IllegalArgumentException when the connection has no platform API key (it is not polled)
   * @throws dev.errorbridge.connector.source.SourceConnectionInvalidException when its options or
   *     base URL are invalid
   * @throws dev.errorbridge.connector.secrets.SecretCipherException when its key cannot be
   *     decrypted
   */
  SourceConnection of(Connection connection);
}

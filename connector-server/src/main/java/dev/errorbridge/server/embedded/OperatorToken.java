package dev.errorbridge.server.embedded;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The operator's bearer token on embedded defaults: generated at the first start, kept in {@code
 * <data>/operator-token} (owner-readable only) and reused afterwards, so the CLI and scripts keep
 * working across restarts.
 */
public final class OperatorToken {
  static final String FILE = "operator-token";
  private static final int BYTES = 32;

  private OperatorToken() {}

  /**
   * The stored token, generating and storing one first if there is none.
   *
   * @return the token and whether this call generated it (so the caller prints it once)
   */
  public static Issued loadOrGenerate(DataDirectory data, SecureRandom random) {
    return data.read(FILE)
        .filter(token -> !token.isBlank())
        .map(token -> new Issued(token, false))
        .orElseGet(
            () -> {
              byte[] bytes = new byte[BYTES];
              random.nextBytes(bytes);
              String token = "ebop_" + HexFormat.of().formatHex(bytes);
              boolean created = data.writeSecretOnce(FILE, token);
              // Another process may have won the race: use whatever is on disk.
              return created ? new Issued(token, true) : new Issued(data.read(FILE).get(), false);
            });
  }

  /** Where the token is kept. */
  public static String fileName() {
    return FILE;
  }

  /**
   * A token and whether it was generated just now.
   *
   * @param token the bearer token
   * @param generated whether this start created it
   */
  public record Issued(String token, boolean generated) {
    @Override
    public String toString() {
      return "Issued[token=****, generated=" + generated + "]";
    }
  }
}

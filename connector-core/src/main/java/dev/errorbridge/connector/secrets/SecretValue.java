package dev.errorbridge.connector.secrets;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret in plaintext (an AWS secret key, a platform API key, a webhook secret). It never shows
 * itself: {@link #toString()}, its JSON form and every exception print a mask; only {@link
 * #reveal()} gives the value, at the one place that needs it (signing, an HTTP header).
 */
public final class SecretValue {
  static final String MASK = "****";

  private final String value;

  private SecretValue(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static SecretValue of(String value) {
    return new SecretValue(value);
  }

  /** The plaintext; call it only where the secret is used, never to log or return it. */
  public String reveal() {
    return value;
  }

  /** The last 4 characters behind a mask (e.g. {@code ****WXYZ}), for showing which key is set. */
  public String hint() {
    return value.length() <= 8 ? MASK : MASK + value.substring(value.length() - 4);
  }

  byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @JsonValue
  @Override
  public String toString() {
    return MASK;
  }

  /** Constant-time, so comparing a presented secret leaks nothing through timing. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SecretValue secret && MessageDigest.isEqual(bytes(), secret.bytes());
  }

  @Override
  public int hashCode() {
    return 0; // equal secrets must hash alike without the hash revealing anything about them
  }
}

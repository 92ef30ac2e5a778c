package dev.errorbridge.connector.credentials;

import java.security.SecureRandom;

/**
 * External IDs for ASSUME_ROLE connections: Errorbridge generates one per connection and shows it
 * to the customer, who puts it in the role's trust policy as the {@code sts:ExternalId} condition.
 * Because only Errorbridge chooses it, and each connection has its own, another Errorbridge
 * customer who learns the role ARN cannot make Errorbridge assume it for them (the confused-deputy
 * problem).
 *
 * <p>The form is {@code eb-} followed by 32 characters of lower-case base32 ({@code a-z2-7}): 160
 * random bits, above the 128 the reference asks for, within STS's 2 to 1224 characters of {@code
 * [\w+=,.@:/-]}, and easy to copy. An External ID is not a secret (it sits in the customer's trust
 * policy), so it may be shown and logged.
 */
public final class ExternalIds {
  /** Marks the id as Errorbridge's in the customer's trust policy. */
  public static final String PREFIX = "eb-";

  /** Random characters after the prefix; 5 bits each. */
  public static final int RANDOM_CHARS = 32;

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private ExternalIds() {}

  /**
   * A new External ID, e.g. {@code eb-k3q7x2m4c5vbn6a7s2d3f4g5h6j7k2l3}.
   *
   * <p>A fresh {@link SecureRandom} per call, never one created at class initialisation: with
   * Lambda SnapStart, state made during init is shared by every restored environment, and ids must
   * be unique per connection. Connections are created rarely, so the cost does not matter.
   */
  public static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
    for (int i = 0; i < RANDOM_CHARS; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}

package dev.errorbridge.localaws.kms;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One of the four ways a request may name a KMS key (key ID, key ARN, alias name, alias ARN),
 * parsed but not yet resolved against any store.
 */
sealed interface KmsKeyReference {

  /** Key IDs are UUIDs; anything else in a key position is rejected before any lookup. */
  Pattern KEY_ID = Pattern.compile("^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$");

  /** The reference as the caller wrote it. */
  String text();

  /** Whether the reference names the key directly rather than through an alias. */
  default boolean isKey() {
    return this instanceof KeyId || this instanceof KeyArn;
  }

  /** A bare key ID, looked up in the caller's own account and region. */
  record KeyId(String text) implements KmsKeyReference {}

  /** A key ARN, which names the account and region it expects the key in. */
  record KeyArn(String text, String region, String accountId, String keyId)
      implements KmsKeyReference {}

  /** An alias name such as {@code alias/orders}, looked up in the caller's account and region. */
  record AliasName(String text) implements KmsKeyReference {}

  /** An alias ARN; {@link #aliasName()} carries the {@code alias/} prefix. */
  record AliasArn(String text, String region, String accountId, String aliasName)
      implements KmsKeyReference {}

  /**
   * Parses a reference; a string that is none of the four forms is a {@code NotFoundException},
   * which is what AWS answers for it.
   */
  static KmsKeyReference parse(String text) {
    if (text.startsWith("arn:")) {
      return parseArn(text).orElseThrow(() -> KmsErrors.notFound("Invalid arn '" + text + "'"));
    }
    if (text.startsWith("alias/")) {
      return new AliasName(text);
    }
    if (!KEY_ID.matcher(text).matches()) {
      throw KmsErrors.notFound("Invalid keyId '" + text + "'");
    }
    return new KeyId(text);
  }

  /** Parses a key ARN, e.g. the one a ciphertext blob names, or empty if it is not one. */
  static Optional<KeyArn> parseKeyArn(String text) {
    return parseArn(text).filter(KeyArn.class::isInstance).map(KeyArn.class::cast);
  }

  private static Optional<KmsKeyReference> parseArn(String text) {
    // arn:partition:service:region:account:resource, where the resource may itself hold colons.
    String[] parts = text.split(":", 6);
    if (parts.length != 6
        || !parts[0].equals("arn")
        || !parts[1].equals(KmsArns.PARTITION)
        || !parts[2].equals("kms")
        || parts[3].isEmpty()
        || parts[4].isEmpty()) {
      return Optional.empty();
    }
    String region = parts[3];
    String accountId = parts[4];
    String resource = parts[5];
    if (resource.startsWith("key/")) {
      String keyId = resource.substring("key/".length());
      return KEY_ID.matcher(keyId).matches()
          ? Optional.of(new KeyArn(text, region, accountId, keyId))
          : Optional.empty();
    }
    if (resource.startsWith("alias/") && resource.length() > "alias/".length()) {
      return Optional.of(new AliasArn(text, region, accountId, resource));
    }
    return Optional.empty();
  }
}

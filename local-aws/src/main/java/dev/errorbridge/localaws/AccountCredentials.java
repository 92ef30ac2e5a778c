package dev.errorbridge.localaws;

import java.util.regex.Pattern;

/**
 * An access key registered with local-aws: requests signed with it act in {@code accountId}.
 *
 * @param accessKeyId the access key id clients sign with
 * @param secretAccessKey the secret the signature is recomputed with; never printed
 * @param accountId the 12-digit account that owns every resource created with this key
 */
public record AccountCredentials(String accessKeyId, String secretAccessKey, String accountId) {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  /**
   * LocalStack's default, so {@code AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test} just works.
   */
  public static final AccountCredentials DEFAULT =
      new AccountCredentials("test", "test", "000000000000");

  public AccountCredentials {
    if (accessKeyId == null || accessKeyId.isBlank()) {
      throw new LocalAwsConfigException("accessKeyId must not be blank");
    }
    if (secretAccessKey == null || secretAccessKey.isEmpty()) {
      throw new LocalAwsConfigException(
          "secretAccessKey for access key '" + accessKeyId + "' must not be empty");
    }
    if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
      throw new LocalAwsConfigException(
          "accountId for access key '"
              + accessKeyId
              + "' must be 12 digits, e.g. 111111111111; got '"
              + accountId
              + "'");
    }
  }

  /**
   * Parses the command-line form {@code ACCESS_KEY_ID:SECRET:ACCOUNT_ID}.
   *
   * @throws LocalAwsConfigException naming the expected form when {@code spec} does not match it
   */
  public static AccountCredentials parse(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length != 3) {
      throw new LocalAwsConfigException(
          "--credentials takes ACCESS_KEY_ID:SECRET:ACCOUNT_ID (e.g. alice:alice-secret:111111111111)");
    }
    return new AccountCredentials(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return "AccountCredentials[accessKeyId=" + accessKeyId + ", accountId=" + accountId + "]";
  }
}

package dev.errorbridge.localaws.kms;

/** Builds the ARNs of KMS keys and aliases. */
final class KmsArns {
  /**
   * local-aws serves only the commercial partition; a region-derived partition would buy nothing
   * since the SDK never checks it.
   */
  static final String PARTITION = "aws";

  private KmsArns() {}

  static String keyArn(String region, String accountId, String keyId) {
    return "arn:" + PARTITION + ":kms:" + region + ":" + accountId + ":key/" + keyId;
  }

  /**
   * @param aliasName the full alias name, including its {@code alias/} prefix
   */
  static String aliasArn(String region, String accountId, String aliasName) {
    return "arn:" + PARTITION + ":kms:" + region + ":" + accountId + ":" + aliasName;
  }
}

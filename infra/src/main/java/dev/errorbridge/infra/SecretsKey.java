package dev.errorbridge.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer-managed KMS key that seals connection secrets, and its alias.
 *
 * <p>The key policy is the only thing that grants use of the key (nothing in IAM does): the account
 * may administer the key but not use it, and each function role may use only the operations it
 * needs, only with Errorbridge's encryption context ({@code SecretRef.encryptionContext()}: {@code
 * app=errorbridge}, {@code tenantId}, {@code connectionId}, {@code purpose}) and no other keys in
 * it. A ciphertext is therefore useless to any other principal, and the functions cannot be used to
 * decrypt anything that is not an Errorbridge secret.
 */
final class SecretsKey extends Construct {

  /** The {@code app} value every Errorbridge encryption context carries. */
  static final String APP = "errorbridge";

  /** The only keys an Errorbridge encryption context may have ({@code SecretRef}). */
  static final List<String> CONTEXT_KEYS = List.of("app", "tenantId", "connectionId", "purpose");

  /**
   * What the account root may do: administer, never encrypt or decrypt. KMS refuses a key policy
   * that would lock the account out ({@code kms:PutKeyPolicy} must stay with the account), and AWS
   * recommends that the account can always manage and delete its keys; these are those actions,
   * spelled out without wildcards. {@code kms:CreateGrant} is left out on purpose: nothing needs a
   * grant on this key (Lambda and DynamoDB use their own keys).
   */
  static final List<String> ADMIN_ACTIONS =
      List.of(
          "kms:CancelKeyDeletion",
          "kms:CreateAlias",
          "kms:DeleteAlias",
          "kms:DescribeKey",
          "kms:DisableKey",
          "kms:DisableKeyRotation",
          "kms:EnableKey",
          "kms:EnableKeyRotation",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:ListAliases",
          "kms:ListGrants",
          "kms:ListKeyPolicies",
          "kms:ListKeyRotations",
          "kms:ListResourceTags",
          "kms:PutKeyPolicy",
          "kms:RetireGrant",
          "kms:RevokeGrant",
          "kms:RotateKeyOnDemand",
          "kms:ScheduleKeyDeletion",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:UpdateAlias",
          "kms:UpdateKeyDescription");

  /** What the functions that only read secrets may do. */
  static final List<String> DECRYPT_ACTIONS = List.of("kms:Decrypt");

  /**
   * What the settings API may do: seal secrets on receipt, open them for a connection test, and
   * re-encrypt them after a key change ({@code KmsSecretCipher}). No {@code GenerateDataKey}:
   * secrets are at most 4 KB and are encrypted directly, without envelope encryption.
   */
  static final List<String> SEAL_ACTIONS =
      List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo");

  private final Key key;
  private final Alias alias;

  SecretsKey(Construct scope, String id, String namePrefix) {
    super(scope, id);
    PolicyStatement administration =
        PolicyStatement.Builder.create()
            .sid("AccountAdministersOnly")
            .effect(Effect.ALLOW)
            .principals(List.of(new AccountRootPrincipal()))
            .actions(ADMIN_ACTIONS)
            // In a key policy "*" means "this key"; KMS accepts nothing else there.
            .resources(List.of("*"))
            .build();
    this.key =
        Key.Builder.create(this, "Key")
            .description(
                "Errorbridge connection secrets (encryption context app=errorbridge, tenantId,"
                    + " connectionId, purpose)")
            .enableKeyRotation(true)
            .pendingWindow(Duration.days(30))
            // Deleting the key would make every stored secret unreadable: keep it with the table.
            .removalPolicy(RemovalPolicy.RETAIN)
            .policy(PolicyDocument.Builder.create().statements(List.of(administration)).build())
            .build();
    this.alias =
        Alias.Builder.create(this, "Alias")
            .aliasName("alias/" + namePrefix + "-secrets")
            .targetKey(key)
            .build();
  }

  /** Lets these roles decrypt Errorbridge secrets (and nothing else). */
  void allowDecrypt(String sid, List<IRole> roles) {
    allow(sid, roles, DECRYPT_ACTIONS);
  }

  /** Lets this role seal, open and re-encrypt Errorbridge secrets. */
  void allowSeal(String sid, IRole role) {
    allow(sid, List.of(role), SEAL_ACTIONS);
  }

  private void allow(String sid, List<IRole> roles, List<String> actions) {
    List<IPrincipal> principals =
        roles.stream().<IPrincipal>map(role -> new ArnPrincipal(role.getRoleArn())).toList();
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid(sid)
            .effect(Effect.ALLOW)
            .principals(principals)
            .actions(actions)
            .resources(List.of("*"))
            .conditions(encryptionContextConditions())
            .build());
  }

  /**
   * {@code app} must be {@code errorbridge}, {@code tenantId}, {@code connectionId} and {@code
   * purpose} must be present, and no other key may be: exactly the shape of {@code
   * SecretRef.encryptionContext()}.
   */
  static Map<String, Object> encryptionContextConditions() {
    return Map.of(
        "StringEquals",
        Map.of("kms:EncryptionContext:app", APP),
        "Null",
        Map.of(
            "kms:EncryptionContext:tenantId", "false",
            "kms:EncryptionContext:connectionId", "false",
            "kms:EncryptionContext:purpose", "false"),
        "ForAllValues:StringEquals",
        Map.of("kms:EncryptionContextKeys", CONTEXT_KEYS));
  }

  Key key() {
    return key;
  }

  Alias alias() {
    return alias;
  }
}

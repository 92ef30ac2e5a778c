package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class SecretsKeyTest {

  private static final Map<String, Object> ENCRYPTION_CONTEXT_CONDITIONS =
      Map.of(
          "StringEquals", Map.of("kms:EncryptionContext:app", "errorbridge"),
          "Null",
              Map.of(
                  "kms:EncryptionContext:tenantId", "false",
                  "kms:EncryptionContext:connectionId", "false",
                  "kms:EncryptionContext:purpose", "false"),
          "ForAllValues:StringEquals",
              Map.of(
                  "kms:EncryptionContextKeys",
                  List.of("app", "tenantId", "connectionId", "purpose")));

  private static Template template;
  private static StackJson json;

  @BeforeAll
  static void synthesise() {
    template = Synthesized.defaults().template();
    json = Synthesized.defaults().json();
  }

  private static List<StackJson.Statement> keyPolicy() {
    return json.allStatements().stream()
        .filter(statement -> statement.source().equals("Secrets/Key"))
        .toList();
  }

  @Test
  void key_isSymmetricRotatedAndKeptForThirtyDaysAfterDeletionIsScheduled() {
    assertThat(json.propertiesAt("Secrets/Key"))
        .containsEntry("EnableKeyRotation", true)
        .containsEntry("PendingWindowInDays", 30)
        .doesNotContainKey("KeySpec") // SYMMETRIC_DEFAULT
        .doesNotContainKey("KeyUsage"); // ENCRYPT_DECRYPT
  }

  @Test
  void keyPolicy_hasExactlyTheAdministrationDecryptAndSealStatements() {
    assertThat(keyPolicy())
        .extracting(StackJson.Statement::effect, s -> s.principal().toString())
        .containsExactlyInAnyOrder(
            tuple("Allow", "{AWS=arn:${AWS::Partition}:iam::${AWS::AccountId}:root}"),
            tuple(
                "Allow",
                "{AWS=[${Functions/PollWorker/Role.Arn}, ${Functions/RetryDrain/Role.Arn},"
                    + " ${Functions/Webhook/Role.Arn}]}"),
            tuple("Allow", "{AWS=${Functions/SettingsApi/Role.Arn}}"));
  }

  @Test
  void keyPolicy_letsTheAccountAdministerButNeverUseTheKey() {
    StackJson.Statement root =
        keyPolicy().stream()
            .filter(s -> s.principal().toString().endsWith(":root}"))
            .findFirst()
            .orElseThrow();

    assertThat(root.actions()).containsExactlyInAnyOrderElementsOf(SecretsKey.ADMIN_ACTIONS);
    assertThat(root.actions())
        .contains("kms:PutKeyPolicy", "kms:ScheduleKeyDeletion") // KMS's lockout safety check
        .noneMatch(
            action ->
                action.contains("crypt")
                    || action.contains("GenerateDataKey")
                    || action.equals("kms:CreateGrant")
                    || action.contains("*"));
    assertThat(root.resources()).containsExactly("*");
    assertThat(root.conditions()).isEmpty();
  }

  @Test
  void keyPolicy_letsThePublishersOnlyDecryptErrorbridgeSecrets() {
    StackJson.Statement decrypt =
        keyPolicy().stream()
            .filter(s -> "PublishersDecryptErrorbridgeSecrets".equals(s.sid()))
            .findFirst()
            .orElseThrow();

    assertThat(decrypt.actions()).containsExactly("kms:Decrypt");
    assertThat(decrypt.resources()).containsExactly("*");
    assertThat(decrypt.conditions()).isEqualTo(ENCRYPTION_CONTEXT_CONDITIONS);
  }

  @Test
  void keyPolicy_letsOnlyTheSettingsApiSealAndReEncrypt() {
    StackJson.Statement seal =
        keyPolicy().stream()
            .filter(s -> "SettingsApiSealsErrorbridgeSecrets".equals(s.sid()))
            .findFirst()
            .orElseThrow();

    assertThat(seal.actions())
        .containsExactlyInAnyOrder(
            "kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo");
    assertThat(seal.resources()).containsExactly("*");
    assertThat(seal.conditions()).isEqualTo(ENCRYPTION_CONTEXT_CONDITIONS);
  }

  @Test
  void keyPolicy_conditionsMatchTheContextSecretRefBuilds() {
    // connector-core's SecretRef.encryptionContext(): app=errorbridge, tenantId, connectionId,
    // purpose. The infra module does not depend on connector-core, so the contract is restated.
    assertThat(SecretsKey.APP).isEqualTo("errorbridge");
    assertThat(SecretsKey.CONTEXT_KEYS)
        .containsExactly("app", "tenantId", "connectionId", "purpose");
  }

  @Test
  void noIdentityPolicyGrantsKms_theKeyPolicyIsTheOnlyGrant() {
    assertThat(json.allStatements())
        .filteredOn(s -> !s.source().equals("Secrets/Key"))
        .flatExtracting(StackJson.Statement::actions)
        .noneMatch(action -> action.startsWith("kms:"));
  }

  @Test
  void alias_namesTheKeyAfterThePrefix() {
    template.hasResourceProperties(
        "AWS::KMS::Alias", Map.of("AliasName", "alias/errorbridge-secrets"));
    Synthesized.configured()
        .template()
        .hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/acme-eb-secrets"));
    assertThat(json.render(json.propertiesAt("Secrets/Alias").get("TargetKeyId")))
        .isEqualTo("${Secrets/Key.Arn}");
  }
}

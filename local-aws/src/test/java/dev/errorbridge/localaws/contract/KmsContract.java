package dev.errorbridge.localaws.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

/**
 * What the real AWS SDK's {@link KmsClient} must see from a KMS endpoint, over HTTP. Subclasses say
 * which endpoint; every test makes its own keys and uniquely named aliases, so tests are
 * independent and can share one endpoint.
 */
public abstract class KmsContract {
  private static final SdkBytes SECRET = SdkBytes.fromUtf8String("attack at dawn");
  private static final Map<String, String> CONTEXT = Map.of("tenant", "acme", "purpose", "test");

  private final List<String> createdKeyIds = new ArrayList<>();
  private KmsClient kms;
  private KmsClient otherAccountKms;

  /** The endpoint under test. */
  protected abstract ContractEndpoint endpoint();

  @BeforeEach
  void openClients() {
    kms = endpoint().kms(Account.PRIMARY);
    otherAccountKms = endpoint().kms(Account.OTHER);
  }

  @AfterEach
  void scheduleDeletionOfCreatedKeysAndCloseClients() {
    // Keys cannot be deleted at once; scheduling keeps a long-lived endpoint from filling up.
    for (String keyId : createdKeyIds) {
      try {
        kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
      } catch (KmsException alreadyScheduled) {
        // The test scheduled it itself.
      }
    }
    kms.close();
    otherAccountKms.close();
  }

  @Test
  void createKey_whenDefaults_describeKeyReturnsEnabledSymmetricKey() {
    KeyMetadata created = kms.createKey(r -> r.description("contract key")).keyMetadata();

    KeyMetadata described = kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata();
    createdKeyIds.add(created.keyId());

    assertThat(described.keyId()).isEqualTo(created.keyId());
    assertThat(described.arn())
        .isEqualTo(created.arn())
        .startsWith(
            "arn:aws:kms:"
                + endpoint().region().id()
                + ":"
                + endpoint().accountId(Account.PRIMARY)
                + ":key/");
    assertThat(described.awsAccountId()).isEqualTo(endpoint().accountId(Account.PRIMARY));
    assertThat(described.creationDate()).isNotNull();
    assertThat(described.enabled()).isTrue();
    assertThat(described.description()).isEqualTo("contract key");
    assertThat(described.keyState()).isEqualTo(KeyState.ENABLED);
    assertThat(described.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
    assertThat(described.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
    assertThat(described.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
    assertThat(described.encryptionAlgorithms())
        .containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
  }

  @Test
  void createAlias_whenCreated_isListedForItsKeyAndUsableInPlaceOfTheKey() {
    KeyMetadata key = createKey();
    String aliasName = uniqueAliasName();

    kms.createAlias(r -> r.aliasName(aliasName).targetKeyId(key.keyId()));
    List<AliasListEntry> aliases = kms.listAliases(r -> r.keyId(key.keyId())).aliases();
    SdkBytes blob = kms.encrypt(r -> r.keyId(aliasName).plaintext(SECRET)).ciphertextBlob();
    DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(blob));

    assertThat(aliases)
        .singleElement()
        .satisfies(
            alias -> {
              assertThat(alias.aliasName()).isEqualTo(aliasName);
              assertThat(alias.targetKeyId()).isEqualTo(key.keyId());
              assertThat(alias.aliasArn())
                  .isEqualTo(
                      "arn:aws:kms:"
                          + endpoint().region().id()
                          + ":"
                          + endpoint().accountId(Account.PRIMARY)
                          + ":"
                          + aliasName);
            });
    assertThat(decrypted.keyId()).isEqualTo(key.arn());
    assertThat(decrypted.plaintext()).isEqualTo(SECRET);
  }

  @Test
  void encrypt_whenDecryptedWithSameContext_roundTrips() {
    KeyMetadata key = createKey();

    var encrypted =
        kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SECRET).encryptionContext(CONTEXT));
    DecryptResponse decrypted =
        kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(CONTEXT));

    assertThat(encrypted.keyId()).isEqualTo(key.arn());
    assertThat(encrypted.encryptionAlgorithm())
        .isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    assertThat(decrypted.keyId()).isEqualTo(key.arn());
    assertThat(decrypted.plaintext()).isEqualTo(SECRET);
  }

  @Test
  void decrypt_whenContextDiffers_throwsInvalidCiphertext() {
    KeyMetadata key = createKey();
    SdkBytes blob =
        kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SECRET).encryptionContext(CONTEXT))
            .ciphertextBlob();

    InvalidCiphertextException error =
        catchThrowableOfType(
            InvalidCiphertextException.class,
            () ->
                kms.decrypt(
                    r -> r.ciphertextBlob(blob).encryptionContext(Map.of("tenant", "other"))));

    assertThat(error).isNotNull();
  }

  @Test
  void encrypt_whenPlaintextIs4097Bytes_throwsValidationException() {
    KeyMetadata key = createKey();

    KmsException error =
        catchThrowableOfType(
            KmsException.class,
            () ->
                kms.encrypt(
                    r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(new byte[4097]))));

    assertThat(error).isNotNull();
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
  }

  @Test
  void encrypt_whenKeyDisabled_throwsDisabledUntilReEnabled() {
    KeyMetadata key = createKey();
    kms.disableKey(r -> r.keyId(key.keyId()));

    DisabledException error =
        catchThrowableOfType(
            DisabledException.class,
            () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SECRET)));
    KeyState stateWhileDisabled =
        kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState();
    kms.enableKey(r -> r.keyId(key.keyId()));

    assertThat(error).isNotNull();
    assertThat(stateWhileDisabled).isEqualTo(KeyState.DISABLED);
    assertThat(kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SECRET)).ciphertextBlob())
        .isNotNull();
  }

  @Test
  void encrypt_whenOtherAccountUsesKeyArn_throwsAccessDenied() {
    assumeTrue(
        endpoint().refusesCrossAccountAccess(),
        "this endpoint does not check cross-account access");
    KeyMetadata key = createKey();

    KmsException error =
        catchThrowableOfType(
            KmsException.class,
            () -> otherAccountKms.encrypt(r -> r.keyId(key.arn()).plaintext(SECRET)));

    assertThat(error).isNotNull();
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
  }

  @Test
  void generateDataKey_whenAes256_returnsKeyWhoseBlobDecryptsToIt() {
    KeyMetadata key = createKey();

    GenerateDataKeyResponse dataKey =
        kms.generateDataKey(
            r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
    DecryptResponse decrypted =
        kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(CONTEXT));

    assertThat(dataKey.keyId()).isEqualTo(key.arn());
    assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
    assertThat(decrypted.plaintext()).isEqualTo(dataKey.plaintext());
  }

  @Test
  void reEncrypt_whenToAnotherKey_decryptsUnderTheDestinationKey() {
    KeyMetadata source = createKey();
    KeyMetadata destination = createKey();
    Map<String, String> destinationContext = Map.of("stage", "archive");
    SdkBytes blob =
        kms.encrypt(r -> r.keyId(source.keyId()).plaintext(SECRET).encryptionContext(CONTEXT))
            .ciphertextBlob();

    ReEncryptResponse reEncrypted =
        kms.reEncrypt(
            r ->
                r.ciphertextBlob(blob)
                    .sourceEncryptionContext(CONTEXT)
                    .destinationKeyId(destination.keyId())
                    .destinationEncryptionContext(destinationContext));
    DecryptResponse decrypted =
        kms.decrypt(
            r ->
                r.ciphertextBlob(reEncrypted.ciphertextBlob())
                    .encryptionContext(destinationContext));

    assertThat(reEncrypted.sourceKeyId()).isEqualTo(source.arn());
    assertThat(reEncrypted.keyId()).isEqualTo(destination.arn());
    assertThat(decrypted.keyId()).isEqualTo(destination.arn());
    assertThat(decrypted.plaintext()).isEqualTo(SECRET);
  }

  @Test
  void scheduleKeyDeletion_whenWindowGiven_marksKeyPendingDeletion() {
    KeyMetadata key = createKey();

    ScheduleKeyDeletionResponse response =
        kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
    KeyMetadata described = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();

    assertThat(response.keyId()).isEqualTo(key.arn());
    assertThat(response.keyState()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(response.pendingWindowInDays()).isEqualTo(7);
    assertThat(response.deletionDate()).isAfter(key.creationDate());
    assertThat(described.keyState()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(described.deletionDate()).isEqualTo(response.deletionDate());
  }

  private KeyMetadata createKey() {
    KeyMetadata key = kms.createKey(r -> r.description("errorbridge contract test")).keyMetadata();
    createdKeyIds.add(key.keyId());
    return key;
  }

  private static String uniqueAliasName() {
    return "alias/errorbridge-contract-" + UUID.randomUUID();
  }
}

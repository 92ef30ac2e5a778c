package dev.errorbridge.localaws.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.OriginType;

class KmsServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final String REGION = "us-east-1";
  private static final String PRIMARY_ACCOUNT = "111111111111";
  private static final String OTHER_ACCOUNT = "222222222222";
  private static final RequestContext PRIMARY =
      new RequestContext(PRIMARY_ACCOUNT, REGION, "AKIAPRIMARY", NOW);
  private static final RequestContext OTHER =
      new RequestContext(OTHER_ACCOUNT, REGION, "AKIAOTHER", NOW);
  private static final RequestContext PRIMARY_IN_EU =
      new RequestContext(PRIMARY_ACCOUNT, "eu-west-1", "AKIAPRIMARY", NOW);
  private static final byte[] SECRET = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> CONTEXT = Map.of("tenant", "acme", "purpose", "test");

  private final SettableClock clock = new SettableClock(NOW);
  private final KmsService kms = new KmsService(clock, new SecureRandom());

  /** The four ways a request may name a key. */
  enum ReferenceForm {
    KEY_ID,
    KEY_ARN,
    ALIAS_NAME,
    ALIAS_ARN;

    String of(JsonNode keyMetadata, String aliasName) {
      return switch (this) {
        case KEY_ID -> keyMetadata.get("KeyId").textValue();
        case KEY_ARN -> keyMetadata.get("Arn").textValue();
        case ALIAS_NAME -> aliasName;
        case ALIAS_ARN -> "arn:aws:kms:" + REGION + ":" + PRIMARY_ACCOUNT + ":" + aliasName;
      };
    }
  }

  // ---- service identity -------------------------------------------------------------------

  @Test
  void targetPrefixAndSigningName_whenAsked_nameKms() {
    assertThat(kms.targetPrefix()).isEqualTo("TrentService");
    assertThat(kms.signingName()).isEqualTo("kms");
  }

  @Test
  void handle_whenOperationUnknown_throwsUnknownOperation() {
    AwsServiceException error =
        assertFails("UnknownOperationException", () -> call(PRIMARY, "Sign"));
    assertThat(error.getMessage()).contains("Sign");
  }

  // ---- CreateKey / DescribeKey --------------------------------------------------------------

  @Test
  void createKey_whenDefaults_returnsEnabledSymmetricKeyMetadata() {
    JsonNode metadata = createKey(PRIMARY);

    String keyId = metadata.get("KeyId").textValue();
    assertThat(keyId)
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(metadata.get("AWSAccountId").textValue()).isEqualTo(PRIMARY_ACCOUNT);
    assertThat(metadata.get("Arn").textValue())
        .isEqualTo("arn:aws:kms:us-east-1:111111111111:key/" + keyId);
    assertThat(metadata.get("CreationDate").isNumber()).isTrue();
    assertThat(metadata.get("CreationDate").decimalValue().longValue())
        .isEqualTo(NOW.getEpochSecond());
    assertThat(metadata.get("Enabled").booleanValue()).isTrue();
    assertThat(metadata.get("Description").textValue()).isEmpty();
    assertThat(metadata.get("KeyUsage").textValue()).isEqualTo("ENCRYPT_DECRYPT");
    assertThat(metadata.get("KeyState").textValue()).isEqualTo("Enabled");
    assertThat(metadata.get("KeySpec").textValue()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(metadata.get("CustomerMasterKeySpec").textValue()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(metadata.get("EncryptionAlgorithms").toString())
        .isEqualTo("[\"SYMMETRIC_DEFAULT\"]");
    assertThat(metadata.get("KeyManager").textValue()).isEqualTo("CUSTOMER");
    assertThat(metadata.get("Origin").textValue()).isEqualTo("AWS_KMS");
    assertThat(metadata.get("MultiRegion").booleanValue()).isFalse();
    assertThat(metadata.has("DeletionDate")).isFalse();
  }

  @Test
  void createKey_whenCalledTwice_returnsDistinctKeys() {
    assertThat(keyId(createKey(PRIMARY))).isNotEqualTo(keyId(createKey(PRIMARY)));
  }

  @Test
  void createKey_whenDescriptionAndExplicitDefaultsGiven_echoesThem() {
    JsonNode metadata =
        call(
                PRIMARY,
                "CreateKey",
                "Description",
                "orders",
                "KeyUsage",
                "ENCRYPT_DECRYPT",
                "KeySpec",
                "SYMMETRIC_DEFAULT",
                "Origin",
                "AWS_KMS")
            .get("KeyMetadata");

    assertThat(metadata.get("Description").textValue()).isEqualTo("orders");
    assertThat(metadata.get("KeySpec").textValue()).isEqualTo("SYMMETRIC_DEFAULT");
  }

  @Test
  void createKey_whenEveryNonSymmetricSdkKeySpec_throwsUnsupportedOperation() {
    for (KeySpec spec : KeySpec.knownValues()) {
      if (spec != KeySpec.SYMMETRIC_DEFAULT) {
        assertFails(
            "UnsupportedOperationException",
            () -> call(PRIMARY, "CreateKey", "KeySpec", spec.toString()));
      }
    }
  }

  @Test
  void createKey_whenEveryOtherSdkKeyUsageOrOrigin_throwsUnsupportedOperation() {
    for (KeyUsageType usage : KeyUsageType.knownValues()) {
      if (usage != KeyUsageType.ENCRYPT_DECRYPT) {
        assertFails(
            "UnsupportedOperationException",
            () -> call(PRIMARY, "CreateKey", "KeyUsage", usage.toString()));
      }
    }
    for (OriginType origin : OriginType.knownValues()) {
      if (origin != OriginType.AWS_KMS) {
        assertFails(
            "UnsupportedOperationException",
            () -> call(PRIMARY, "CreateKey", "Origin", origin.toString()));
      }
    }
  }

  @Test
  void createKey_whenDeprecatedCustomerMasterKeySpecAsymmetric_throwsUnsupportedOperation() {
    assertFails(
        "UnsupportedOperationException",
        () -> call(PRIMARY, "CreateKey", "CustomerMasterKeySpec", "RSA_2048"));
  }

  @Test
  void createKey_whenMultiRegion_throwsUnsupportedOperation() {
    ObjectNode request = request("MultiRegion", Boolean.TRUE);
    assertFails("UnsupportedOperationException", () -> kms.handle("CreateKey", request, PRIMARY));
  }

  @Test
  void createKey_whenKeySpecUnknown_throwsValidation() {
    AwsServiceException error =
        assertFails("ValidationException", () -> call(PRIMARY, "CreateKey", "KeySpec", "AES_999"));
    assertThat(error.getMessage()).contains("keySpec", "AES_999");
  }

  @Test
  void describeKey_whenKeyExists_returnsSameMetadataAsCreate() {
    JsonNode created = createKey(PRIMARY);

    JsonNode described = call(PRIMARY, "DescribeKey", "KeyId", keyId(created)).get("KeyMetadata");

    assertThat(described).isEqualTo(created);
  }

  @ParameterizedTest
  @EnumSource(ReferenceForm.class)
  void describeKey_whenReferencedInEachForm_resolvesToTheKey(ReferenceForm form) {
    JsonNode metadata = createKey(PRIMARY);
    createAlias(PRIMARY, "alias/orders", keyId(metadata));

    JsonNode described =
        call(PRIMARY, "DescribeKey", "KeyId", form.of(metadata, "alias/orders")).get("KeyMetadata");

    assertThat(described.get("Arn").textValue()).isEqualTo(arn(metadata));
  }

  @Test
  void describeKey_whenKeyMissing_throwsNotFoundNamingArn() {
    String missing = "0b7c8f9e-1111-4222-8333-444455556666";
    AwsServiceException error =
        assertFails("NotFoundException", () -> call(PRIMARY, "DescribeKey", "KeyId", missing));
    assertThat(error.getMessage())
        .isEqualTo("Key 'arn:aws:kms:us-east-1:111111111111:key/" + missing + "' does not exist");
  }

  @Test
  void describeKey_whenAliasMissing_throwsNotFound() {
    AwsServiceException error =
        assertFails(
            "NotFoundException", () -> call(PRIMARY, "DescribeKey", "KeyId", "alias/nothing"));
    assertThat(error.getMessage()).isEqualTo("Alias 'alias/nothing' is not found.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-a-key",
        "arn:aws:kms:us-east-1:111111111111:key/not-a-uuid",
        "arn:aws:s3:::bucket",
        "arn:aws:kms:us-east-1:111111111111:grant/x"
      })
  void describeKey_whenReferenceMalformed_throwsNotFound(String reference) {
    assertFails("NotFoundException", () -> call(PRIMARY, "DescribeKey", "KeyId", reference));
  }

  @Test
  void describeKey_whenKeyIdEmpty_throwsValidation() {
    assertFails("ValidationException", () -> call(PRIMARY, "DescribeKey", "KeyId", ""));
  }

  @Test
  void describeKey_whenKeyIdMissing_throwsValidation() {
    assertFails("ValidationException", () -> call(PRIMARY, "DescribeKey"));
  }

  // ---- account and region isolation ---------------------------------------------------------

  @Test
  void describeKey_whenKeyArnOfOtherAccount_throwsAccessDenied() {
    JsonNode primaryKey = createKey(PRIMARY);

    AwsServiceException error =
        assertFails(
            "AccessDeniedException", () -> call(OTHER, "DescribeKey", "KeyId", arn(primaryKey)));
    assertThat(error.getMessage()).contains(OTHER_ACCOUNT, "kms:DescribeKey", arn(primaryKey));
  }

  @Test
  void describeKey_whenKeyArnOfOtherAccountDoesNotExist_stillThrowsAccessDenied() {
    String foreign = "arn:aws:kms:us-east-1:111111111111:key/0b7c8f9e-1111-4222-8333-444455556666";
    assertFails("AccessDeniedException", () -> call(OTHER, "DescribeKey", "KeyId", foreign));
  }

  @Test
  void encrypt_whenKeyArnOfOtherAccount_throwsAccessDenied() {
    JsonNode primaryKey = createKey(PRIMARY);
    assertFails(
        "AccessDeniedException",
        () -> call(OTHER, "Encrypt", "KeyId", arn(primaryKey), "Plaintext", SECRET));
  }

  @Test
  void encrypt_whenAliasArnOfOtherAccount_throwsAccessDenied() {
    createAlias(PRIMARY, "alias/shared", keyId(createKey(PRIMARY)));
    String aliasArn = "arn:aws:kms:us-east-1:" + PRIMARY_ACCOUNT + ":alias/shared";
    assertFails(
        "AccessDeniedException",
        () -> call(OTHER, "Encrypt", "KeyId", aliasArn, "Plaintext", SECRET));
  }

  @Test
  void encrypt_whenBareKeyIdOrAliasNameOfOtherAccount_throwsNotFound() {
    JsonNode primaryKey = createKey(PRIMARY);
    createAlias(PRIMARY, "alias/mine", keyId(primaryKey));

    assertFails(
        "NotFoundException",
        () -> call(OTHER, "Encrypt", "KeyId", keyId(primaryKey), "Plaintext", SECRET));
    assertFails(
        "NotFoundException",
        () -> call(OTHER, "Encrypt", "KeyId", "alias/mine", "Plaintext", SECRET));
  }

  @Test
  void decrypt_whenBlobMadeByOtherAccountsKey_throwsAccessDenied() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, CONTEXT);

    assertFails(
        "AccessDeniedException",
        () -> call(OTHER, "Decrypt", "CiphertextBlob", blob, "EncryptionContext", CONTEXT));
  }

  @Test
  void reEncrypt_whenBlobMadeByOtherAccountsKey_throwsAccessDenied() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, CONTEXT);
    String otherKey = keyId(createKey(OTHER));

    AwsServiceException error =
        assertFails(
            "AccessDeniedException",
            () ->
                call(
                    OTHER,
                    "ReEncrypt",
                    "CiphertextBlob",
                    blob,
                    "SourceEncryptionContext",
                    CONTEXT,
                    "DestinationKeyId",
                    otherKey));
    assertThat(error.getMessage()).contains("kms:ReEncryptFrom");
  }

  @Test
  void describeKey_whenKeyArnOfOtherRegion_throwsNotFound() {
    JsonNode usKey = createKey(PRIMARY);

    assertFails("NotFoundException", () -> call(PRIMARY_IN_EU, "DescribeKey", "KeyId", arn(usKey)));
    assertFails(
        "NotFoundException", () -> call(PRIMARY_IN_EU, "DescribeKey", "KeyId", keyId(usKey)));
  }

  @Test
  void decrypt_whenBlobFromOtherRegion_throwsNotFound() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of());
    assertFails("NotFoundException", () -> call(PRIMARY_IN_EU, "Decrypt", "CiphertextBlob", blob));
  }

  // ---- CreateAlias / ListAliases --------------------------------------------------------------

  @Test
  void createAlias_whenValid_listsAliasWithArnAndTarget() {
    String keyId = keyId(createKey(PRIMARY));

    JsonNode response = createAlias(PRIMARY, "alias/orders", keyId);
    JsonNode listing = call(PRIMARY, "ListAliases");

    assertThat(response.size()).isZero();
    assertThat(listing.get("Truncated").booleanValue()).isFalse();
    assertThat(listing.get("Aliases")).hasSize(1);
    JsonNode alias = listing.get("Aliases").get(0);
    assertThat(alias.get("AliasName").textValue()).isEqualTo("alias/orders");
    assertThat(alias.get("AliasArn").textValue())
        .isEqualTo("arn:aws:kms:us-east-1:111111111111:alias/orders");
    assertThat(alias.get("TargetKeyId").textValue()).isEqualTo(keyId);
    assertThat(alias.get("CreationDate").decimalValue().longValue())
        .isEqualTo(NOW.getEpochSecond());
  }

  @Test
  void createAlias_whenTargetGivenAsKeyArn_targetsThatKey() {
    JsonNode key = createKey(PRIMARY);
    createAlias(PRIMARY, "alias/by-arn", arn(key));
    assertThat(call(PRIMARY, "ListAliases").at("/Aliases/0/TargetKeyId").textValue())
        .isEqualTo(keyId(key));
  }

  @Test
  void createAlias_whenNameTaken_throwsAlreadyExists() {
    String keyId = keyId(createKey(PRIMARY));
    createAlias(PRIMARY, "alias/orders", keyId);

    AwsServiceException error =
        assertFails(
            "AlreadyExistsException",
            () -> createAlias(PRIMARY, "alias/orders", keyId(createKey(PRIMARY))));
    assertThat(error.getMessage()).contains("arn:aws:kms:us-east-1:111111111111:alias/orders");
  }

  @Test
  void createAlias_whenSameNameInOtherAccountOrRegion_succeeds() {
    createAlias(PRIMARY, "alias/orders", keyId(createKey(PRIMARY)));

    createAlias(OTHER, "alias/orders", keyId(createKey(OTHER)));
    createAlias(PRIMARY_IN_EU, "alias/orders", keyId(createKey(PRIMARY_IN_EU)));

    assertThat(call(OTHER, "ListAliases").get("Aliases")).hasSize(1);
    assertThat(call(PRIMARY_IN_EU, "ListAliases").get("Aliases")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "alias/", "alias/has space", "alias/colon:name"})
  void createAlias_whenNameInvalid_throwsValidation(String aliasName) {
    String keyId = keyId(createKey(PRIMARY));
    assertFails("ValidationException", () -> createAlias(PRIMARY, aliasName, keyId));
  }

  @Test
  void createAlias_whenNameUnder256Limit_succeedsAndOverIt_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    createAlias(PRIMARY, "alias/" + "a".repeat(250), keyId);
    assertFails(
        "ValidationException", () -> createAlias(PRIMARY, "alias/" + "a".repeat(251), keyId));
  }

  @Test
  void createAlias_whenNameUsesReservedAwsPrefix_throwsNotAuthorized() {
    String keyId = keyId(createKey(PRIMARY));
    assertFails("NotAuthorizedException", () -> createAlias(PRIMARY, "alias/aws/s3", keyId));
  }

  @Test
  void createAlias_whenTargetIsAnAlias_throwsValidation() {
    createAlias(PRIMARY, "alias/first", keyId(createKey(PRIMARY)));
    assertFails("ValidationException", () -> createAlias(PRIMARY, "alias/second", "alias/first"));
  }

  @Test
  void createAlias_whenTargetMissing_throwsNotFound() {
    assertFails(
        "NotFoundException",
        () -> createAlias(PRIMARY, "alias/orders", "0b7c8f9e-1111-4222-8333-444455556666"));
  }

  @Test
  void createAlias_whenTargetIsOtherAccountsKeyArn_throwsAccessDenied() {
    String foreignArn = arn(createKey(PRIMARY));
    assertFails("AccessDeniedException", () -> createAlias(OTHER, "alias/stolen", foreignArn));
  }

  @Test
  void createAlias_whenTargetPendingDeletion_throwsInvalidState() {
    String keyId = keyId(createKey(PRIMARY));
    call(PRIMARY, "ScheduleKeyDeletion", "KeyId", keyId);
    assertFails("KMSInvalidStateException", () -> createAlias(PRIMARY, "alias/late", keyId));
  }

  @Test
  void createAlias_whenRacedUnderOneName_exactlyOneSucceeds() throws Exception {
    List<String> keyIds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      keyIds.add(keyId(createKey(PRIMARY)));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (String keyId : keyIds) {
      attempts.add(
          () -> {
            start.await();
            try {
              createAlias(PRIMARY, "alias/contended", keyId);
              return true;
            } catch (AwsServiceException e) {
              assertThat(e.errorType()).isEqualTo("AlreadyExistsException");
              return false;
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Callable<Boolean> attempt : attempts) {
        results.add(pool.submit(attempt));
      }
      start.countDown();
      int successes = 0;
      for (Future<Boolean> result : results) {
        successes += result.get() ? 1 : 0;
      }
      assertThat(successes).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listAliases_whenKeyIdFilterGiven_returnsOnlyThatKeysAliasesSortedByName() {
    String first = keyId(createKey(PRIMARY));
    String second = keyId(createKey(PRIMARY));
    createAlias(PRIMARY, "alias/b", first);
    createAlias(PRIMARY, "alias/a", first);
    createAlias(PRIMARY, "alias/c", second);

    JsonNode byId = call(PRIMARY, "ListAliases", "KeyId", first).get("Aliases");
    JsonNode byArn =
        call(
                PRIMARY,
                "ListAliases",
                "KeyId",
                arn(call(PRIMARY, "DescribeKey", "KeyId", first).get("KeyMetadata")))
            .get("Aliases");

    assertThat(byId.findValuesAsText("AliasName")).containsExactly("alias/a", "alias/b");
    assertThat(byArn).isEqualTo(byId);
  }

  @Test
  void listAliases_whenKeyIdFilterIsAlias_throwsValidation() {
    createAlias(PRIMARY, "alias/a", keyId(createKey(PRIMARY)));
    assertFails("ValidationException", () -> call(PRIMARY, "ListAliases", "KeyId", "alias/a"));
  }

  @Test
  void listAliases_whenOtherAccount_seesNoneOfPrimarysAliases() {
    createAlias(PRIMARY, "alias/private", keyId(createKey(PRIMARY)));
    assertThat(call(OTHER, "ListAliases").get("Aliases")).isEmpty();
  }

  // ---- Encrypt / Decrypt -----------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(ReferenceForm.class)
  void encrypt_whenKeyReferencedInEachForm_roundTripsUnderThatKey(ReferenceForm form) {
    JsonNode metadata = createKey(PRIMARY);
    createAlias(PRIMARY, "alias/payments", keyId(metadata));

    ObjectNode encrypted =
        call(
            PRIMARY,
            "Encrypt",
            "KeyId",
            form.of(metadata, "alias/payments"),
            "Plaintext",
            SECRET,
            "EncryptionContext",
            CONTEXT);
    ObjectNode decrypted =
        call(
            PRIMARY,
            "Decrypt",
            "CiphertextBlob",
            blob(encrypted, "CiphertextBlob"),
            "EncryptionContext",
            CONTEXT);

    assertThat(encrypted.get("KeyId").textValue()).isEqualTo(arn(metadata));
    assertThat(encrypted.get("EncryptionAlgorithm").textValue()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(decrypted.get("KeyId").textValue()).isEqualTo(arn(metadata));
    assertThat(decrypted.get("EncryptionAlgorithm").textValue()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(blob(decrypted, "Plaintext")).isEqualTo(SECRET);
  }

  @Test
  void decrypt_whenContextSentInAnotherOrder_decrypts() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("a", "1");
    forward.put("b", "2");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("b", "2");
    backward.put("a", "1");
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, forward);

    assertThat(decrypt(PRIMARY, blob, backward)).isEqualTo(SECRET);
  }

  @Test
  void encrypt_whenSameInputTwice_producesDifferentBlobs() {
    String keyId = keyId(createKey(PRIMARY));
    assertThat(encrypt(PRIMARY, keyId, SECRET, CONTEXT))
        .isNotEqualTo(encrypt(PRIMARY, keyId, SECRET, CONTEXT));
  }

  @Test
  void encrypt_whenBlobInspected_namesKeyArnButNotPlaintext() {
    JsonNode key = createKey(PRIMARY);
    byte[] blob = encrypt(PRIMARY, keyId(key), SECRET, Map.of());
    String asText = new String(blob, StandardCharsets.ISO_8859_1);

    assertThat(blob[0]).isEqualTo((byte) 1);
    assertThat(asText).contains(arn(key)).doesNotContain("attack at dawn");
    // version + ARN length + ARN + IV + ciphertext + tag
    assertThat(blob).hasSize(1 + 2 + arn(key).length() + 12 + SECRET.length + 16);
  }

  @ParameterizedTest
  @ValueSource(strings = {"different", "missing", "extra", "swappedKeyAndValue"})
  void decrypt_whenContextDiffers_throwsInvalidCiphertext(String variant) {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of("ab", "c"));
    Map<String, String> wrong =
        switch (variant) {
          case "different" -> Map.of("ab", "d");
          case "missing" -> Map.of();
          case "extra" -> Map.of("ab", "c", "x", "y");
          default -> Map.of("a", "bc");
        };

    assertFails(
        "InvalidCiphertextException",
        () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob, "EncryptionContext", wrong));
  }

  @Test
  void decrypt_whenBlobMadeWithoutContextButContextGiven_throwsInvalidCiphertext() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of());
    assertFails(
        "InvalidCiphertextException",
        () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob, "EncryptionContext", CONTEXT));
  }

  @Test
  void decrypt_whenLastByteTampered_throwsInvalidCiphertext() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, CONTEXT);
    blob[blob.length - 1] ^= 0x01;

    assertFails(
        "InvalidCiphertextException",
        () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob, "EncryptionContext", CONTEXT));
  }

  @Test
  void decrypt_whenAnySingleBitFlipped_neverDecryptsAndNeverFailsUnmodelled() {
    byte[] original = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, CONTEXT);
    for (int i = 0; i < original.length; i++) {
      byte[] tampered = original.clone();
      tampered[i] ^= 0x01;

      Throwable thrown =
          catchThrowable(
              () ->
                  call(
                      PRIMARY,
                      "Decrypt",
                      "CiphertextBlob",
                      tampered,
                      "EncryptionContext",
                      CONTEXT));

      // A flip inside the key ARN may turn it into another account's or a missing key's ARN,
      // which is refused as such; everything else fails authentication.
      assertThat(thrown).as("flip at byte %d", i).isInstanceOf(AwsServiceException.class);
      assertThat(((AwsServiceException) thrown).errorType())
          .as("flip at byte %d", i)
          .isIn("InvalidCiphertextException", "NotFoundException", "AccessDeniedException");
    }
  }

  @Test
  void decrypt_whenBlobTruncatedAtAnyLength_throwsInvalidCiphertext() {
    byte[] original = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, CONTEXT);
    for (int length = 1; length < original.length; length++) {
      byte[] truncated = Arrays.copyOf(original, length);
      assertFails(
          "InvalidCiphertextException",
          () ->
              call(PRIMARY, "Decrypt", "CiphertextBlob", truncated, "EncryptionContext", CONTEXT));
    }
  }

  @Test
  void decrypt_whenBlobIsGarbage_throwsInvalidCiphertext() {
    byte[][] garbage = {
      "not a ciphertext at all".getBytes(StandardCharsets.UTF_8),
      {1},
      {1, (byte) 0xff, (byte) 0xff},
      {1, 0, 0, 1, 2, 3},
      {
        1,
        0,
        3,
        (byte) 0xc3,
        (byte) 0x28,
        'x',
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0
      }
    };
    for (byte[] blob : garbage) {
      assertFails(
          "InvalidCiphertextException", () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob));
    }
  }

  @Test
  void decrypt_whenBlobHeaderPointedAtAnotherKeyOfSameAccount_throwsInvalidCiphertext() {
    JsonNode victim = createKey(PRIMARY);
    JsonNode other = createKey(PRIMARY);
    byte[] blob = encrypt(PRIMARY, keyId(victim), SECRET, CONTEXT);
    byte[] victimArn = arn(victim).getBytes(StandardCharsets.US_ASCII);
    byte[] otherArn = arn(other).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(otherArn, 0, blob, 3, victimArn.length);

    assertFails(
        "InvalidCiphertextException",
        () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob, "EncryptionContext", CONTEXT));
  }

  @Test
  void decrypt_whenCiphertextBlobNotBase64_throwsValidation() {
    assertFails(
        "ValidationException",
        () -> call(PRIMARY, "Decrypt", "CiphertextBlob", "***not-base64***"));
  }

  @Test
  void decrypt_whenKeyIdNamesAnotherKey_throwsIncorrectKey() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, CONTEXT);
    String otherKey = keyId(createKey(PRIMARY));

    assertFails(
        "IncorrectKeyException",
        () ->
            call(
                PRIMARY,
                "Decrypt",
                "CiphertextBlob",
                blob,
                "EncryptionContext",
                CONTEXT,
                "KeyId",
                otherKey));
  }

  @Test
  void decrypt_whenKeyIdNamesTheSameKeyThroughAlias_decrypts() {
    String keyId = keyId(createKey(PRIMARY));
    createAlias(PRIMARY, "alias/mine", keyId);
    byte[] blob = encrypt(PRIMARY, keyId, SECRET, CONTEXT);

    ObjectNode decrypted =
        call(
            PRIMARY,
            "Decrypt",
            "CiphertextBlob",
            blob,
            "EncryptionContext",
            CONTEXT,
            "KeyId",
            "alias/mine");

    assertThat(blob(decrypted, "Plaintext")).isEqualTo(SECRET);
  }

  @Test
  void decrypt_whenKeyIdNamesMissingKey_throwsNotFound() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of());
    assertFails(
        "NotFoundException",
        () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob, "KeyId", "alias/none"));
  }

  @Test
  void encrypt_whenPlaintextEmpty_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    AwsServiceException error =
        assertFails(
            "ValidationException",
            () -> call(PRIMARY, "Encrypt", "KeyId", keyId, "Plaintext", new byte[0]));
    assertThat(error.getMessage()).contains("'plaintext'", "greater than or equal to 1");
  }

  @Test
  void encrypt_whenPlaintextOver4096Bytes_throwsValidationNamingLimit() {
    String keyId = keyId(createKey(PRIMARY));
    AwsServiceException error =
        assertFails(
            "ValidationException",
            () -> call(PRIMARY, "Encrypt", "KeyId", keyId, "Plaintext", new byte[4097]));
    assertThat(error.getMessage()).contains("'plaintext'", "4096");
  }

  @Test
  void encrypt_whenPlaintextExactly4096Bytes_roundTrips() {
    String keyId = keyId(createKey(PRIMARY));
    byte[] plaintext = new byte[4096];
    new SecureRandom().nextBytes(plaintext);

    assertThat(decrypt(PRIMARY, encrypt(PRIMARY, keyId, plaintext, CONTEXT), CONTEXT))
        .isEqualTo(plaintext);
  }

  @Test
  void encrypt_whenPlaintextMissing_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    assertFails("ValidationException", () -> call(PRIMARY, "Encrypt", "KeyId", keyId));
  }

  @Test
  void encrypt_whenContextValueNotString_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    ObjectNode request = request("KeyId", keyId, "Plaintext", SECRET);
    request.putObject("EncryptionContext").put("count", 3);

    assertFails("ValidationException", () -> kms.handle("Encrypt", request, PRIMARY));
  }

  @Test
  void encrypt_whenAsymmetricAlgorithmRequested_throwsInvalidKeyUsage() {
    String keyId = keyId(createKey(PRIMARY));
    assertFails(
        "InvalidKeyUsageException",
        () ->
            call(
                PRIMARY,
                "Encrypt",
                "KeyId",
                keyId,
                "Plaintext",
                SECRET,
                "EncryptionAlgorithm",
                "RSAES_OAEP_SHA_256"));
  }

  @Test
  void encrypt_whenAlgorithmUnknown_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    assertFails(
        "ValidationException",
        () ->
            call(
                PRIMARY,
                "Encrypt",
                "KeyId",
                keyId,
                "Plaintext",
                SECRET,
                "EncryptionAlgorithm",
                "ROT13"));
  }

  // ---- key state ------------------------------------------------------------------------------

  @Test
  void disableKey_whenEnabled_marksDisabledAndBlocksEveryCryptoOperation() {
    String keyId = keyId(createKey(PRIMARY));
    byte[] blob = encrypt(PRIMARY, keyId, SECRET, Map.of());

    JsonNode response = call(PRIMARY, "DisableKey", "KeyId", keyId);

    assertThat(response.size()).isZero();
    JsonNode metadata = call(PRIMARY, "DescribeKey", "KeyId", keyId).get("KeyMetadata");
    assertThat(metadata.get("KeyState").textValue()).isEqualTo("Disabled");
    assertThat(metadata.get("Enabled").booleanValue()).isFalse();
    AwsServiceException error =
        assertFails(
            "DisabledException",
            () -> call(PRIMARY, "Encrypt", "KeyId", keyId, "Plaintext", SECRET));
    assertThat(error.getMessage()).endsWith(keyId + " is disabled.");
    assertFails("DisabledException", () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob));
    assertFails(
        "DisabledException",
        () -> call(PRIMARY, "GenerateDataKey", "KeyId", keyId, "KeySpec", "AES_256"));
    assertFails(
        "DisabledException",
        () -> call(PRIMARY, "ReEncrypt", "CiphertextBlob", blob, "DestinationKeyId", keyId));
  }

  @Test
  void enableKey_whenDisabled_allowsEncryptionAgain() {
    String keyId = keyId(createKey(PRIMARY));
    call(PRIMARY, "DisableKey", "KeyId", keyId);

    JsonNode response = call(PRIMARY, "EnableKey", "KeyId", keyId);

    assertThat(response.size()).isZero();
    assertThat(decrypt(PRIMARY, encrypt(PRIMARY, keyId, SECRET, CONTEXT), CONTEXT))
        .isEqualTo(SECRET);
  }

  @Test
  void enableKey_whenKeyMissing_throwsNotFound() {
    assertFails(
        "NotFoundException",
        () -> call(PRIMARY, "EnableKey", "KeyId", "0b7c8f9e-1111-4222-8333-444455556666"));
  }

  @Test
  void scheduleKeyDeletion_whenWindowOmitted_schedules30DaysOut() {
    JsonNode key = createKey(PRIMARY);

    ObjectNode response = call(PRIMARY, "ScheduleKeyDeletion", "KeyId", keyId(key));

    Instant expected = NOW.plus(Duration.ofDays(30));
    assertThat(response.get("KeyId").textValue()).isEqualTo(arn(key));
    assertThat(response.get("KeyState").textValue()).isEqualTo("PendingDeletion");
    assertThat(response.get("PendingWindowInDays").intValue()).isEqualTo(30);
    assertThat(response.get("DeletionDate").decimalValue().longValue())
        .isEqualTo(expected.getEpochSecond());
    JsonNode metadata = call(PRIMARY, "DescribeKey", "KeyId", keyId(key)).get("KeyMetadata");
    assertThat(metadata.get("KeyState").textValue()).isEqualTo("PendingDeletion");
    assertThat(metadata.get("Enabled").booleanValue()).isFalse();
    assertThat(metadata.get("DeletionDate").decimalValue().longValue())
        .isEqualTo(expected.getEpochSecond());
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 30})
  void scheduleKeyDeletion_whenWindowAtBound_usesIt(int days) {
    ObjectNode response =
        call(
            PRIMARY,
            "ScheduleKeyDeletion",
            "KeyId",
            keyId(createKey(PRIMARY)),
            "PendingWindowInDays",
            days);
    assertThat(response.get("PendingWindowInDays").intValue()).isEqualTo(days);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6, 31})
  void scheduleKeyDeletion_whenWindowOutOfRange_throwsValidation(int days) {
    String keyId = keyId(createKey(PRIMARY));
    assertFails(
        "ValidationException",
        () -> call(PRIMARY, "ScheduleKeyDeletion", "KeyId", keyId, "PendingWindowInDays", days));
  }

  @Test
  void scheduleKeyDeletion_whenPendingDeletion_blocksCryptoStateChangesAndRescheduling() {
    String keyId = keyId(createKey(PRIMARY));
    byte[] blob = encrypt(PRIMARY, keyId, SECRET, Map.of());
    call(PRIMARY, "ScheduleKeyDeletion", "KeyId", keyId, "PendingWindowInDays", 7);

    AwsServiceException error =
        assertFails(
            "KMSInvalidStateException",
            () -> call(PRIMARY, "Encrypt", "KeyId", keyId, "Plaintext", SECRET));
    assertThat(error.getMessage()).endsWith(keyId + " is pending deletion.");
    assertFails("KMSInvalidStateException", () -> call(PRIMARY, "Decrypt", "CiphertextBlob", blob));
    assertFails(
        "KMSInvalidStateException",
        () -> call(PRIMARY, "GenerateDataKey", "KeyId", keyId, "NumberOfBytes", 16));
    assertFails("KMSInvalidStateException", () -> call(PRIMARY, "EnableKey", "KeyId", keyId));
    assertFails("KMSInvalidStateException", () -> call(PRIMARY, "DisableKey", "KeyId", keyId));
    assertFails(
        "KMSInvalidStateException", () -> call(PRIMARY, "ScheduleKeyDeletion", "KeyId", keyId));
  }

  @Test
  void scheduleKeyDeletion_whenWindowHasPassed_keyAndItsAliasesAreGone() {
    String doomed = keyId(createKey(PRIMARY));
    String kept = keyId(createKey(PRIMARY));
    createAlias(PRIMARY, "alias/doomed", doomed);
    createAlias(PRIMARY, "alias/kept", kept);
    call(PRIMARY, "ScheduleKeyDeletion", "KeyId", doomed, "PendingWindowInDays", 7);

    clock.set(NOW.plus(Duration.ofDays(7)).minusMillis(1));
    assertThat(
            call(PRIMARY, "DescribeKey", "KeyId", doomed).at("/KeyMetadata/KeyState").textValue())
        .isEqualTo("PendingDeletion");

    clock.set(NOW.plus(Duration.ofDays(7)));
    assertFails("NotFoundException", () -> call(PRIMARY, "DescribeKey", "KeyId", doomed));
    assertFails("NotFoundException", () -> call(PRIMARY, "DescribeKey", "KeyId", "alias/doomed"));
    assertThat(call(PRIMARY, "ListAliases").get("Aliases").findValuesAsText("AliasName"))
        .containsExactly("alias/kept");
  }

  // ---- ReEncrypt ------------------------------------------------------------------------------

  @Test
  void reEncrypt_whenToAnotherKey_decryptsOnlyUnderDestinationAndItsContext() {
    JsonNode source = createKey(PRIMARY);
    JsonNode destination = createKey(PRIMARY);
    createAlias(PRIMARY, "alias/destination", keyId(destination));
    Map<String, String> destinationContext = Map.of("stage", "archive");
    byte[] original = encrypt(PRIMARY, keyId(source), SECRET, CONTEXT);

    ObjectNode response =
        call(
            PRIMARY,
            "ReEncrypt",
            "CiphertextBlob",
            original,
            "SourceEncryptionContext",
            CONTEXT,
            "SourceKeyId",
            arn(source),
            "DestinationKeyId",
            "alias/destination",
            "DestinationEncryptionContext",
            destinationContext);

    assertThat(response.get("SourceKeyId").textValue()).isEqualTo(arn(source));
    assertThat(response.get("KeyId").textValue()).isEqualTo(arn(destination));
    assertThat(response.get("SourceEncryptionAlgorithm").textValue())
        .isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(response.get("DestinationEncryptionAlgorithm").textValue())
        .isEqualTo("SYMMETRIC_DEFAULT");
    byte[] reEncrypted = blob(response, "CiphertextBlob");
    ObjectNode decrypted =
        call(
            PRIMARY,
            "Decrypt",
            "CiphertextBlob",
            reEncrypted,
            "EncryptionContext",
            destinationContext);
    assertThat(decrypted.get("KeyId").textValue()).isEqualTo(arn(destination));
    assertThat(blob(decrypted, "Plaintext")).isEqualTo(SECRET);
    assertFails(
        "InvalidCiphertextException",
        () ->
            call(PRIMARY, "Decrypt", "CiphertextBlob", reEncrypted, "EncryptionContext", CONTEXT));
    assertFails(
        "IncorrectKeyException",
        () ->
            call(
                PRIMARY,
                "Decrypt",
                "CiphertextBlob",
                reEncrypted,
                "EncryptionContext",
                destinationContext,
                "KeyId",
                keyId(source)));
  }

  @Test
  void reEncrypt_whenSourceContextWrong_throwsInvalidCiphertext() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, CONTEXT);
    String destination = keyId(createKey(PRIMARY));
    assertFails(
        "InvalidCiphertextException",
        () -> call(PRIMARY, "ReEncrypt", "CiphertextBlob", blob, "DestinationKeyId", destination));
  }

  @Test
  void reEncrypt_whenSourceKeyIdNamesAnotherKey_throwsIncorrectKey() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of());
    String destination = keyId(createKey(PRIMARY));
    assertFails(
        "IncorrectKeyException",
        () ->
            call(
                PRIMARY,
                "ReEncrypt",
                "CiphertextBlob",
                blob,
                "SourceKeyId",
                destination,
                "DestinationKeyId",
                destination));
  }

  @Test
  void reEncrypt_whenDestinationDisabled_throwsDisabled() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of());
    String destination = keyId(createKey(PRIMARY));
    call(PRIMARY, "DisableKey", "KeyId", destination);
    assertFails(
        "DisabledException",
        () -> call(PRIMARY, "ReEncrypt", "CiphertextBlob", blob, "DestinationKeyId", destination));
  }

  @Test
  void reEncrypt_whenDestinationIsOtherAccountsKey_throwsAccessDenied() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of());
    String foreign = arn(createKey(OTHER));
    AwsServiceException error =
        assertFails(
            "AccessDeniedException",
            () -> call(PRIMARY, "ReEncrypt", "CiphertextBlob", blob, "DestinationKeyId", foreign));
    assertThat(error.getMessage()).contains("kms:ReEncryptTo");
  }

  @Test
  void reEncrypt_whenDestinationKeyIdMissing_throwsValidation() {
    byte[] blob = encrypt(PRIMARY, keyId(createKey(PRIMARY)), SECRET, Map.of());
    assertFails("ValidationException", () -> call(PRIMARY, "ReEncrypt", "CiphertextBlob", blob));
  }

  // ---- GenerateDataKey --------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"AES_256", "AES_128"})
  void generateDataKey_whenKeySpecGiven_returnsKeyOfThatSizeWhoseBlobDecryptsToIt(String spec) {
    JsonNode key = createKey(PRIMARY);

    ObjectNode response =
        call(
            PRIMARY,
            "GenerateDataKey",
            "KeyId",
            keyId(key),
            "KeySpec",
            spec,
            "EncryptionContext",
            CONTEXT);

    byte[] plaintext = blob(response, "Plaintext");
    assertThat(plaintext).hasSize(spec.equals("AES_256") ? 32 : 16);
    assertThat(response.get("KeyId").textValue()).isEqualTo(arn(key));
    assertThat(decrypt(PRIMARY, blob(response, "CiphertextBlob"), CONTEXT)).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 64, 1024})
  void generateDataKey_whenNumberOfBytesGiven_returnsThatMany(int bytes) {
    String keyId = keyId(createKey(PRIMARY));
    ObjectNode response = call(PRIMARY, "GenerateDataKey", "KeyId", keyId, "NumberOfBytes", bytes);
    assertThat(blob(response, "Plaintext")).hasSize(bytes);
  }

  @Test
  void generateDataKey_whenCalledTwice_returnsDifferentKeys() {
    String keyId = keyId(createKey(PRIMARY));
    assertThat(
            blob(
                call(PRIMARY, "GenerateDataKey", "KeyId", keyId, "KeySpec", "AES_256"),
                "Plaintext"))
        .isNotEqualTo(
            blob(
                call(PRIMARY, "GenerateDataKey", "KeyId", keyId, "KeySpec", "AES_256"),
                "Plaintext"));
  }

  @Test
  void generateDataKey_whenNeitherKeySpecNorNumberOfBytes_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    assertFails("ValidationException", () -> call(PRIMARY, "GenerateDataKey", "KeyId", keyId));
  }

  @Test
  void generateDataKey_whenBothKeySpecAndNumberOfBytes_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    assertFails(
        "ValidationException",
        () ->
            call(
                PRIMARY,
                "GenerateDataKey",
                "KeyId",
                keyId,
                "KeySpec",
                "AES_256",
                "NumberOfBytes",
                32));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1025})
  void generateDataKey_whenNumberOfBytesOutOfRange_throwsValidation(int bytes) {
    String keyId = keyId(createKey(PRIMARY));
    AwsServiceException error =
        assertFails(
            "ValidationException",
            () -> call(PRIMARY, "GenerateDataKey", "KeyId", keyId, "NumberOfBytes", bytes));
    assertThat(error.getMessage()).contains("numberOfBytes");
  }

  @Test
  void generateDataKey_whenKeySpecUnknown_throwsValidation() {
    String keyId = keyId(createKey(PRIMARY));
    assertFails(
        "ValidationException",
        () -> call(PRIMARY, "GenerateDataKey", "KeyId", keyId, "KeySpec", "AES_512"));
  }

  @Test
  void generateDataKey_whenOtherAccountsKeyArn_throwsAccessDenied() {
    String foreign = arn(createKey(PRIMARY));
    assertFails(
        "AccessDeniedException",
        () -> call(OTHER, "GenerateDataKey", "KeyId", foreign, "KeySpec", "AES_256"));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private JsonNode createKey(RequestContext context) {
    return call(context, "CreateKey").get("KeyMetadata");
  }

  private JsonNode createAlias(RequestContext context, String aliasName, String target) {
    return call(context, "CreateAlias", "AliasName", aliasName, "TargetKeyId", target);
  }

  private byte[] encrypt(
      RequestContext context, String keyId, byte[] plaintext, Map<String, String> encryption) {
    return blob(
        call(
            context,
            "Encrypt",
            "KeyId",
            keyId,
            "Plaintext",
            plaintext,
            "EncryptionContext",
            encryption),
        "CiphertextBlob");
  }

  private byte[] decrypt(RequestContext context, byte[] blob, Map<String, String> encryption) {
    return blob(
        call(context, "Decrypt", "CiphertextBlob", blob, "EncryptionContext", encryption),
        "Plaintext");
  }

  private static String keyId(JsonNode keyMetadata) {
    return keyMetadata.get("KeyId").textValue();
  }

  private static String arn(JsonNode keyMetadata) {
    return keyMetadata.get("Arn").textValue();
  }

  private static byte[] blob(JsonNode response, String member) {
    return Base64.getDecoder().decode(response.get(member).textValue());
  }

  /** Calls the service with a request built from member name/value pairs. */
  private ObjectNode call(RequestContext context, String operation, Object... members) {
    return (ObjectNode) kms.handle(operation, request(members), context);
  }

  /** Builds a request as the SDK would send it: blobs base64, maps as JSON objects. */
  private static ObjectNode request(Object... members) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < members.length; i += 2) {
      String name = (String) members[i];
      Object value = members[i + 1];
      if (value instanceof String text) {
        request.put(name, text);
      } else if (value instanceof Integer number) {
        request.put(name, number);
      } else if (value instanceof Boolean flag) {
        request.put(name, flag);
      } else if (value instanceof byte[] bytes) {
        request.put(name, Base64.getEncoder().encodeToString(bytes));
      } else if (value instanceof Map<?, ?> map) {
        ObjectNode object = request.putObject(name);
        map.forEach((key, entry) -> object.put((String) key, (String) entry));
      } else {
        throw new IllegalArgumentException("Unsupported member value " + value);
      }
    }
    return request;
  }

  /** Asserts a call fails with the given modelled AWS error and returns it for further checks. */
  private static AwsServiceException assertFails(String errorType, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(AwsServiceException.class);
    AwsServiceException error = (AwsServiceException) thrown;
    assertThat(error.errorType()).as(error.getMessage()).isEqualTo(errorType);
    assertThat(error.httpStatus()).isEqualTo(400);
    return error;
  }

  /** A clock tests move by hand, so deletion windows pass without waiting. */
  private static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

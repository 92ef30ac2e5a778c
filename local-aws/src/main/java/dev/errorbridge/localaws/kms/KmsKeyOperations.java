package dev.errorbridge.localaws.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.JsonFields;
import dev.errorbridge.localaws.internal.RequestContext;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/** The key and alias management operations: creating, describing and changing keys and aliases. */
final class KmsKeyOperations {
  private static final int KEY_MATERIAL_BYTES = 32;
  private static final int MAX_DESCRIPTION_LENGTH = 8192;
  private static final int MAX_ALIAS_LENGTH = 256;
  private static final Pattern ALIAS_CHARACTERS = Pattern.compile("^[a-zA-Z0-9/_-]+$");

  // The full enum value sets of the KMS model, so a known-but-unsupported value is told apart
  // from a typo: the first is UnsupportedOperationException, the second ValidationException.
  private static final List<String> KEY_USAGES =
      List.of("SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");
  private static final List<String> KEY_SPECS =
      List.of(
          "RSA_2048",
          "RSA_3072",
          "RSA_4096",
          "ECC_NIST_P256",
          "ECC_NIST_P384",
          "ECC_NIST_P521",
          "ECC_SECG_P256K1",
          "SYMMETRIC_DEFAULT",
          "HMAC_224",
          "HMAC_256",
          "HMAC_384",
          "HMAC_512",
          "SM2",
          "ML_DSA_44",
          "ML_DSA_65",
          "ML_DSA_87",
          "ECC_NIST_EDWARDS25519");
  private static final List<String> ORIGINS =
      List.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");

  private final KmsKeyStore store;
  private final Clock clock;
  private final SecureRandom random;

  KmsKeyOperations(KmsKeyStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  JsonNode createKey(ObjectNode request, RequestContext context) {
    String description =
        Optional.ofNullable(JsonFields.optionalString(request, "Description")).orElse("");
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      throw KmsRequests.validation(
          "Value at 'description' failed to satisfy constraint: Member must have length less than"
              + " or equal to "
              + MAX_DESCRIPTION_LENGTH);
    }
    String keyUsage = KmsRequests.enumMember(request, "KeyUsage", "ENCRYPT_DECRYPT", KEY_USAGES);
    String keySpec = keySpec(request);
    String origin = KmsRequests.enumMember(request, "Origin", "AWS_KMS", ORIGINS);
    if (!keySpec.equals(KmsJson.SYMMETRIC_DEFAULT)) {
      throw KmsErrors.unsupported(
          "local-aws supports only SYMMETRIC_DEFAULT keys; KeySpec "
              + keySpec
              + " is not supported.");
    }
    if (!keyUsage.equals("ENCRYPT_DECRYPT")) {
      throw KmsErrors.unsupported(
          "local-aws supports only ENCRYPT_DECRYPT keys; KeyUsage "
              + keyUsage
              + " is not supported.");
    }
    if (!origin.equals("AWS_KMS")) {
      throw KmsErrors.unsupported(
          "local-aws supports only AWS_KMS key material; Origin " + origin + " is not supported.");
    }
    if (request.path("MultiRegion").asBoolean(false)) {
      throw KmsErrors.unsupported("local-aws does not support multi-Region keys.");
    }
    if (request.hasNonNull("CustomKeyStoreId") || request.hasNonNull("XksKeyId")) {
      throw KmsErrors.unsupported("local-aws does not support custom key stores.");
    }
    // Policy, Tags and BypassPolicyLockoutSafetyCheck are accepted and ignored: local-aws has no
    // key policies, and refusing them would break infrastructure code that always sends them.
    byte[] material = new byte[KEY_MATERIAL_BYTES];
    random.nextBytes(material);
    KmsKey key =
        new KmsKey(
            randomKeyId(),
            context.accountId(),
            context.region(),
            clock.instant(),
            description,
            new SecretKeySpec(material, "AES"));
    store.addKey(key);
    ObjectNode response = KmsJson.object();
    response.set("KeyMetadata", KmsJson.keyMetadata(key));
    return response;
  }

  JsonNode describeKey(ObjectNode request, RequestContext context) {
    KmsKey key = resolve(request, "KeyId", context, "DescribeKey");
    ObjectNode response = KmsJson.object();
    response.set("KeyMetadata", KmsJson.keyMetadata(key));
    return response;
  }

  JsonNode enableKey(ObjectNode request, RequestContext context) {
    resolve(request, "KeyId", context, "EnableKey").enable();
    return KmsJson.object();
  }

  JsonNode disableKey(ObjectNode request, RequestContext context) {
    resolve(request, "KeyId", context, "DisableKey").disable();
    return KmsJson.object();
  }

  JsonNode scheduleKeyDeletion(ObjectNode request, RequestContext context) {
    int days = KmsRequests.optionalIntInRange(request, "PendingWindowInDays", 7, 30).orElse(30);
    KmsKey key = resolve(request, "KeyId", context, "ScheduleKeyDeletion");
    Instant deletionDate = clock.instant().plus(Duration.ofDays(days));
    key.scheduleDeletion(deletionDate);
    ObjectNode response = KmsJson.object();
    response.put("KeyId", key.arn());
    KmsJson.putTimestamp(response, "DeletionDate", deletionDate);
    response.put("KeyState", KmsKeyState.PendingDeletion.name());
    response.put("PendingWindowInDays", days);
    return response;
  }

  JsonNode createAlias(ObjectNode request, RequestContext context) {
    String aliasName = JsonFields.requiredString(request, "AliasName");
    validateAliasName(aliasName);
    KmsKey key = resolveKeyOnly(request, "TargetKeyId", context, "CreateAlias");
    key.requireNotPendingDeletion();
    String aliasArn = KmsArns.aliasArn(context.region(), context.accountId(), aliasName);
    store.addAlias(context, new KmsAlias(aliasName, aliasArn, key.keyId(), clock.instant()));
    return KmsJson.object();
  }

  JsonNode listAliases(ObjectNode request, RequestContext context) {
    Optional<String> keyId =
        request.hasNonNull("KeyId")
            ? Optional.of(resolveKeyOnly(request, "KeyId", context, "ListAliases").keyId())
            : Optional.empty();
    ObjectNode response = KmsJson.object();
    ArrayNode aliases = response.putArray("Aliases");
    // Limit and Marker are not honoured: every alias fits in one page, which Truncated=false says.
    store.aliases(context, clock.instant()).stream()
        .filter(alias -> keyId.map(alias.targetKeyId()::equals).orElse(true))
        .forEach(alias -> aliases.add(KmsJson.aliasEntry(alias)));
    response.put("Truncated", false);
    return response;
  }

  private KmsKey resolve(
      ObjectNode request, String member, RequestContext context, String operation) {
    return store.resolve(
        KmsRequests.keyReference(request, member), context, operation, clock.instant());
  }

  /**
   * Resolves a member that AWS accepts only as a key ID or key ARN (CreateAlias's TargetKeyId,
   * ListAliases's KeyId): an alias pointing at an alias is not a thing in KMS.
   */
  private KmsKey resolveKeyOnly(
      ObjectNode request, String member, RequestContext context, String operation) {
    KmsKeyReference reference = KmsRequests.keyReference(request, member);
    if (!reference.isKey()) {
      throw KmsRequests.validation(
          member + " must be a key ID or key ARN, not an alias: " + reference.text());
    }
    return store.resolve(reference, context, operation, clock.instant());
  }

  /** KeySpec, or its deprecated twin CustomerMasterKeySpec, which AWS still accepts alone. */
  private static String keySpec(ObjectNode request) {
    if (request.hasNonNull("KeySpec") && request.hasNonNull("CustomerMasterKeySpec")) {
      throw KmsRequests.validation(
          "You cannot specify KeySpec and CustomerMasterKeySpec in the same request."
              + " CustomerMasterKeySpec is deprecated.");
    }
    String member =
        request.hasNonNull("CustomerMasterKeySpec") ? "CustomerMasterKeySpec" : "KeySpec";
    return KmsRequests.enumMember(request, member, KmsJson.SYMMETRIC_DEFAULT, KEY_SPECS);
  }

  private static void validateAliasName(String aliasName) {
    if (aliasName.length() > MAX_ALIAS_LENGTH || !ALIAS_CHARACTERS.matcher(aliasName).matches()) {
      throw KmsRequests.validation(
          "Value '"
              + aliasName
              + "' at 'aliasName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: "
              + ALIAS_CHARACTERS.pattern()
              + " and have length less than or equal to "
              + MAX_ALIAS_LENGTH);
    }
    if (!aliasName.startsWith("alias/") || aliasName.length() == "alias/".length()) {
      throw KmsRequests.validation(
          "Alias must start with the prefix \"alias/\" followed by a name. Please see"
              + " https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
    }
    if (aliasName.startsWith("alias/aws/")) {
      throw KmsErrors.reservedAlias(aliasName);
    }
  }

  /** A version-4 UUID drawn from the injected randomness, so seeded tests get stable key IDs. */
  private String randomKeyId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }
}

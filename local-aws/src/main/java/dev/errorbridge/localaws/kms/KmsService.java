package dev.errorbridge.localaws.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.AwsJsonService;
import dev.errorbridge.localaws.internal.RequestContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * An in-memory AWS KMS for symmetric keys, spoken over AWS JSON 1.1 as {@code TrentService}.
 *
 * <p>Supports CreateKey, DescribeKey, EnableKey, DisableKey, ScheduleKeyDeletion, CreateAlias,
 * ListAliases, Encrypt, Decrypt, ReEncrypt and GenerateDataKey. Keys and aliases live per account
 * and region; an account can never use another account's key, not even through a ciphertext that
 * key produced. Ciphertexts are real AES-256-GCM with the encryption context authenticated, so code
 * that gets the context wrong fails here as it would against AWS.
 *
 * <p>Thread-safe: state lives in concurrent maps and each key changes state atomically.
 */
public final class KmsService implements AwsJsonService {
  private final KmsKeyOperations keyOperations;
  private final KmsCryptoOperations cryptoOperations;

  /**
   * @param clock the source of creation and deletion dates; a key pending deletion disappears once
   *     this clock passes its deletion date
   * @param random the source of key IDs, key material, IVs and data keys
   */
  public KmsService(Clock clock, SecureRandom random) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    KmsKeyStore store = new KmsKeyStore();
    this.keyOperations = new KmsKeyOperations(store, clock, random);
    this.cryptoOperations = new KmsCryptoOperations(store, new KmsCipher(random), clock, random);
  }

  /** A KMS on the system clock and a fresh {@link SecureRandom}. */
  public KmsService() {
    this(Clock.systemUTC(), new SecureRandom());
  }

  @Override
  public String targetPrefix() {
    return "TrentService";
  }

  @Override
  public String signingName() {
    return "kms";
  }

  @Override
  public JsonNode handle(String operation, ObjectNode request, RequestContext context) {
    ObjectNode body = request == null ? KmsJson.object() : request;
    return switch (operation) {
      case "CreateKey" -> keyOperations.createKey(body, context);
      case "DescribeKey" -> keyOperations.describeKey(body, context);
      case "EnableKey" -> keyOperations.enableKey(body, context);
      case "DisableKey" -> keyOperations.disableKey(body, context);
      case "ScheduleKeyDeletion" -> keyOperations.scheduleKeyDeletion(body, context);
      case "CreateAlias" -> keyOperations.createAlias(body, context);
      case "ListAliases" -> keyOperations.listAliases(body, context);
      case "Encrypt" -> cryptoOperations.encrypt(body, context);
      case "Decrypt" -> cryptoOperations.decrypt(body, context);
      case "ReEncrypt" -> cryptoOperations.reEncrypt(body, context);
      case "GenerateDataKey" -> cryptoOperations.generateDataKey(body, context);
      default -> throw KmsErrors.unknownOperation(operation);
    };
  }
}

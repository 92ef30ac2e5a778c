package dev.errorbridge.localaws.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.RequestContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cryptographic operations: Encrypt, Decrypt, ReEncrypt and GenerateDataKey. Every request is
 * validated fully before any key is looked up, as AWS validates before authorizing.
 */
final class KmsCryptoOperations {
  private static final List<String> DATA_KEY_SPECS = List.of("AES_256", "AES_128");
  private static final int MAX_DATA_KEY_BYTES = 1024;

  private final KmsKeyStore store;
  private final KmsCipher cipher;
  private final Clock clock;
  private final SecureRandom random;

  KmsCryptoOperations(KmsKeyStore store, KmsCipher cipher, Clock clock, SecureRandom random) {
    this.store = store;
    this.cipher = cipher;
    this.clock = clock;
    this.random = random;
  }

  /** A decrypted blob and the key that opened it. */
  private record Opened(KmsKey key, byte[] plaintext) {}

  JsonNode encrypt(ObjectNode request, RequestContext context) {
    byte[] plaintext = KmsRequests.plaintext(request);
    Map<String, String> encryptionContext =
        KmsRequests.encryptionContext(request, "EncryptionContext");
    KmsRequests.requireSymmetricAlgorithm(request, "EncryptionAlgorithm");
    KmsKeyReference reference = KmsRequests.keyReference(request, "KeyId");

    KmsKey key = usableKey(reference, context, "Encrypt");
    ObjectNode response = KmsJson.object();
    KmsJson.putBlob(response, "CiphertextBlob", cipher.encrypt(key, encryptionContext, plaintext));
    response.put("KeyId", key.arn());
    response.put("EncryptionAlgorithm", KmsJson.SYMMETRIC_DEFAULT);
    return response;
  }

  JsonNode decrypt(ObjectNode request, RequestContext context) {
    byte[] blob = KmsRequests.ciphertextBlob(request);
    Map<String, String> encryptionContext =
        KmsRequests.encryptionContext(request, "EncryptionContext");
    KmsRequests.requireSymmetricAlgorithm(request, "EncryptionAlgorithm");
    Optional<KmsKeyReference> expected = KmsRequests.optionalKeyReference(request, "KeyId");

    Opened opened = open(blob, expected, encryptionContext, context, "Decrypt");
    ObjectNode response = KmsJson.object();
    response.put("KeyId", opened.key().arn());
    KmsJson.putBlob(response, "Plaintext", opened.plaintext());
    response.put("EncryptionAlgorithm", KmsJson.SYMMETRIC_DEFAULT);
    return response;
  }

  JsonNode reEncrypt(ObjectNode request, RequestContext context) {
    byte[] blob = KmsRequests.ciphertextBlob(request);
    Map<String, String> sourceContext =
        KmsRequests.encryptionContext(request, "SourceEncryptionContext");
    Map<String, String> destinationContext =
        KmsRequests.encryptionContext(request, "DestinationEncryptionContext");
    KmsRequests.requireSymmetricAlgorithm(request, "SourceEncryptionAlgorithm");
    KmsRequests.requireSymmetricAlgorithm(request, "DestinationEncryptionAlgorithm");
    Optional<KmsKeyReference> expected = KmsRequests.optionalKeyReference(request, "SourceKeyId");
    KmsKeyReference destinationReference = KmsRequests.keyReference(request, "DestinationKeyId");

    // AWS authorizes the two halves separately, as kms:ReEncryptFrom and kms:ReEncryptTo.
    Opened opened = open(blob, expected, sourceContext, context, "ReEncryptFrom");
    KmsKey destination = usableKey(destinationReference, context, "ReEncryptTo");
    ObjectNode response = KmsJson.object();
    KmsJson.putBlob(
        response,
        "CiphertextBlob",
        cipher.encrypt(destination, destinationContext, opened.plaintext()));
    response.put("SourceKeyId", opened.key().arn());
    response.put("KeyId", destination.arn());
    response.put("SourceEncryptionAlgorithm", KmsJson.SYMMETRIC_DEFAULT);
    response.put("DestinationEncryptionAlgorithm", KmsJson.SYMMETRIC_DEFAULT);
    return response;
  }

  JsonNode generateDataKey(ObjectNode request, RequestContext context) {
    int length = dataKeyLength(request);
    Map<String, String> encryptionContext =
        KmsRequests.encryptionContext(request, "EncryptionContext");
    KmsKeyReference reference = KmsRequests.keyReference(request, "KeyId");

    KmsKey key = usableKey(reference, context, "GenerateDataKey");
    byte[] dataKey = new byte[length];
    random.nextBytes(dataKey);
    ObjectNode response = KmsJson.object();
    KmsJson.putBlob(response, "CiphertextBlob", cipher.encrypt(key, encryptionContext, dataKey));
    KmsJson.putBlob(response, "Plaintext", dataKey);
    response.put("KeyId", key.arn());
    return response;
  }

  /**
   * Opens a blob with the key it names. The key is resolved as the caller, so a blob made by
   * another account's key is refused like a direct use of that key would be.
   *
   * @param expected the key the caller says made the blob, if it said
   */
  private Opened open(
      byte[] blob,
      Optional<KmsKeyReference> expected,
      Map<String, String> encryptionContext,
      RequestContext context,
      String operation) {
    KmsCiphertext ciphertext = KmsCiphertext.parse(blob);
    Instant now = clock.instant();
    if (expected.isPresent()) {
      KmsKey named = store.resolve(expected.get(), context, operation, now);
      if (!named.arn().equals(ciphertext.keyArn().text())) {
        throw KmsErrors.incorrectKey();
      }
    }
    KmsKey key = store.resolve(ciphertext.keyArn(), context, operation, now);
    key.requireUsable();
    return new Opened(key, cipher.decrypt(key, ciphertext, encryptionContext));
  }

  private KmsKey usableKey(KmsKeyReference reference, RequestContext context, String operation) {
    KmsKey key = store.resolve(reference, context, operation, clock.instant());
    key.requireUsable();
    return key;
  }

  /** Exactly one of KeySpec and NumberOfBytes says how long the data key is. */
  private static int dataKeyLength(ObjectNode request) {
    Optional<Integer> numberOfBytes =
        KmsRequests.optionalIntInRange(request, "NumberOfBytes", 1, MAX_DATA_KEY_BYTES);
    boolean hasKeySpec = request.hasNonNull("KeySpec");
    if (numberOfBytes.isPresent() == hasKeySpec) {
      throw KmsRequests.validation(
          "Please specify either NumberOfBytes or KeySpec, but not both and not neither.");
    }
    if (numberOfBytes.isPresent()) {
      return numberOfBytes.get();
    }
    String keySpec = KmsRequests.enumMember(request, "KeySpec", "AES_256", DATA_KEY_SPECS);
    return keySpec.equals("AES_128") ? 16 : 32;
  }
}

package dev.errorbridge.localaws.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.JsonFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates KMS request members against the constraints of the KMS API model, answering
 * {@code ValidationException} in AWS's "1 validation error detected" wording.
 */
final class KmsRequests {
  static final int MAX_PLAINTEXT_BYTES = 4096;
  static final int MAX_CIPHERTEXT_BYTES = 6144;
  private static final int MAX_KEY_ID_LENGTH = 2048;
  private static final List<String> ENCRYPTION_ALGORITHMS =
      List.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");

  private KmsRequests() {}

  /** A required key reference member such as KeyId, parsed into one of its four forms. */
  static KmsKeyReference keyReference(ObjectNode request, String member) {
    return parseReference(member, JsonFields.requiredString(request, member));
  }

  static Optional<KmsKeyReference> optionalKeyReference(ObjectNode request, String member) {
    return Optional.ofNullable(JsonFields.optionalString(request, member))
        .map(text -> parseReference(member, text));
  }

  private static KmsKeyReference parseReference(String member, String text) {
    requireLength(member, text.length(), 1, MAX_KEY_ID_LENGTH, "'" + text + "' ");
    return KmsKeyReference.parse(text);
  }

  /** The Plaintext member: 1 to 4096 bytes, as AWS limits what Encrypt may take. */
  static byte[] plaintext(ObjectNode request) {
    byte[] plaintext = JsonFields.requiredBlob(request, "Plaintext");
    requireLength("Plaintext", plaintext.length, 1, MAX_PLAINTEXT_BYTES, "");
    return plaintext;
  }

  static byte[] ciphertextBlob(ObjectNode request) {
    byte[] blob = JsonFields.requiredBlob(request, "CiphertextBlob");
    requireLength("CiphertextBlob", blob.length, 1, MAX_CIPHERTEXT_BYTES, "");
    return blob;
  }

  /** An encryption context member; JsonFields already insists its values be strings. */
  static Map<String, String> encryptionContext(ObjectNode request, String member) {
    return JsonFields.stringMap(request, member);
  }

  /**
   * Checks an encryption-algorithm member: absent or SYMMETRIC_DEFAULT is fine; an asymmetric
   * algorithm is valid in the model but cannot be used with a symmetric key.
   */
  static void requireSymmetricAlgorithm(ObjectNode request, String member) {
    String algorithm =
        enumMember(request, member, KmsJson.SYMMETRIC_DEFAULT, ENCRYPTION_ALGORITHMS);
    if (!algorithm.equals(KmsJson.SYMMETRIC_DEFAULT)) {
      throw KmsErrors.invalidKeyUsage(
          "The encryption algorithm "
              + algorithm
              + " is not compatible with the type of key. Symmetric keys support only "
              + KmsJson.SYMMETRIC_DEFAULT
              + ".");
    }
  }

  /** An optional enum member, or {@code fallback}; an unknown value is a validation error. */
  static String enumMember(
      ObjectNode request, String member, String fallback, List<String> allowed) {
    String value = JsonFields.optionalString(request, member);
    if (value == null) {
      return fallback;
    }
    if (!allowed.contains(value)) {
      throw validation(
          "Value '"
              + value
              + "' at '"
              + lowerFirst(member)
              + "' failed to satisfy constraint: Member must satisfy enum value set: "
              + allowed);
    }
    return value;
  }

  /** An optional integer member within {@code [min, max]}. */
  static Optional<Integer> optionalIntInRange(ObjectNode request, String member, int min, int max) {
    if (!request.hasNonNull(member)) {
      return Optional.empty();
    }
    int value = JsonFields.optionalInt(request, member, min);
    String at =
        "Value '" + value + "' at '" + lowerFirst(member) + "' failed to satisfy constraint: ";
    if (value < min) {
      throw validation(at + "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw validation(at + "Member must have value less than or equal to " + max);
    }
    return Optional.of(value);
  }

  private static void requireLength(String member, int length, int min, int max, String shown) {
    String at = "Value " + shown + "at '" + lowerFirst(member) + "' failed to satisfy constraint: ";
    if (length < min) {
      throw validation(at + "Member must have length greater than or equal to " + min);
    }
    if (length > max) {
      throw validation(at + "Member must have length less than or equal to " + max);
    }
  }

  static AwsServiceException validation(String detail) {
    return AwsServiceException.validation("1 validation error detected: " + detail);
  }

  private static String lowerFirst(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}

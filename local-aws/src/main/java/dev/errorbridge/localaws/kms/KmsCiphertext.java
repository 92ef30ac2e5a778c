package dev.errorbridge.localaws.kms;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The ciphertext blob format. Like an AWS blob it is opaque to clients but names the key that made
 * it, so Decrypt needs no KeyId. Layout, lengths big-endian:
 *
 * <pre>
 *   version     1 byte    0x01
 *   arnLength   2 bytes   unsigned, 1..2048
 *   keyArn      arnLength bytes of UTF-8
 *   iv          12 bytes
 *   sealed      AES-256-GCM ciphertext followed by its 16-byte tag
 * </pre>
 *
 * <p>The header (version, length and ARN) is authenticated as part of the GCM additional data, so
 * pointing a blob at another key, even one of the same account, fails authentication.
 */
final class KmsCiphertext {
  static final byte VERSION = 1;
  static final int IV_BYTES = 12;
  static final int TAG_BYTES = 16;
  private static final int MAX_ARN_BYTES = 2048;

  private final KmsKeyReference.KeyArn keyArn;
  private final byte[] header;
  private final byte[] iv;
  private final byte[] sealed;

  private KmsCiphertext(KmsKeyReference.KeyArn keyArn, byte[] header, byte[] iv, byte[] sealed) {
    this.keyArn = keyArn;
    this.header = header;
    this.iv = iv;
    this.sealed = sealed;
  }

  /** The header for a blob made by the key with this ARN: version, ARN length, ARN. */
  static byte[] header(String keyArn) {
    byte[] arn = keyArn.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(3 + arn.length)
        .put(VERSION)
        .putShort((short) arn.length)
        .put(arn)
        .array();
  }

  static byte[] encode(byte[] header, byte[] iv, byte[] sealed) {
    return ByteBuffer.allocate(header.length + iv.length + sealed.length)
        .put(header)
        .put(iv)
        .put(sealed)
        .array();
  }

  /**
   * Splits a blob into its parts, checking every length before reading so a truncated or random
   * blob is an {@code InvalidCiphertextException}, never an index error.
   */
  static KmsCiphertext parse(byte[] blob) {
    if (blob.length < 3 || blob[0] != VERSION) {
      throw KmsErrors.invalidCiphertext();
    }
    int arnLength = ((blob[1] & 0xff) << 8) | (blob[2] & 0xff);
    int headerLength = 3 + arnLength;
    if (arnLength == 0
        || arnLength > MAX_ARN_BYTES
        || blob.length < headerLength + IV_BYTES + TAG_BYTES) {
      throw KmsErrors.invalidCiphertext();
    }
    KmsKeyReference.KeyArn keyArn =
        KmsKeyReference.parseKeyArn(strictUtf8(Arrays.copyOfRange(blob, 3, headerLength)))
            .orElseThrow(KmsErrors::invalidCiphertext);
    return new KmsCiphertext(
        keyArn,
        Arrays.copyOfRange(blob, 0, headerLength),
        Arrays.copyOfRange(blob, headerLength, headerLength + IV_BYTES),
        Arrays.copyOfRange(blob, headerLength + IV_BYTES, blob.length));
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      // newDecoder() reports malformed input instead of substituting U+FFFD, so two different
      // byte strings can never decode to the same ARN.
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw KmsErrors.invalidCiphertext();
    }
  }

  /** The key the blob claims to be encrypted under; authenticated only on decrypt. */
  KmsKeyReference.KeyArn keyArn() {
    return keyArn;
  }

  byte[] header() {
    return header.clone();
  }

  byte[] iv() {
    return iv.clone();
  }

  byte[] sealed() {
    return sealed.clone();
  }
}

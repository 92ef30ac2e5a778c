package dev.errorbridge.localaws.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.errorbridge.localaws.internal.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Checks what the service-level tests cannot reach: that the blob header is authenticated even
 * between keys that happened to share key material, and that context encodings cannot collide.
 */
class KmsCipherTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final byte[] SECRET = "attack at dawn".getBytes(StandardCharsets.UTF_8);

  private final KmsCipher cipher = new KmsCipher(new SecureRandom());

  @Test
  void decrypt_whenHeaderRewrittenToKeyWithSameMaterial_throwsInvalidCiphertext() {
    SecretKeySpec shared = new SecretKeySpec(new byte[32], "AES");
    KmsKey original = key("0b7c8f9e-1111-4222-8333-444455556666", shared);
    KmsKey twin = key("0b7c8f9e-1111-4222-8333-444455557777", shared);
    byte[] blob = cipher.encrypt(original, Map.of(), SECRET);
    byte[] twinArn = twin.arn().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(twinArn, 0, blob, 3, twinArn.length);
    KmsCiphertext spliced = KmsCiphertext.parse(blob);

    Throwable thrown = catchThrowable(() -> cipher.decrypt(twin, spliced, Map.of()));

    assertThat(spliced.keyArn().text()).isEqualTo(twin.arn());
    assertThat(thrown).isInstanceOf(AwsServiceException.class);
    assertThat(((AwsServiceException) thrown).errorType()).isEqualTo("InvalidCiphertextException");
  }

  @Test
  void decrypt_whenUnaltered_returnsPlaintext() {
    KmsKey key =
        key("0b7c8f9e-1111-4222-8333-444455556666", new SecretKeySpec(new byte[32], "AES"));
    byte[] blob = cipher.encrypt(key, Map.of("k", "v"), SECRET);

    assertThat(cipher.decrypt(key, KmsCiphertext.parse(blob), Map.of("k", "v"))).isEqualTo(SECRET);
  }

  @Test
  void canonical_whenEntriesWouldConcatenateAlike_differs() {
    assertThat(KmsEncryptionContext.canonical(Map.of("a", "bc")))
        .isNotEqualTo(KmsEncryptionContext.canonical(Map.of("ab", "c")));
    assertThat(KmsEncryptionContext.canonical(Map.of("a", "b", "c", "d")))
        .isNotEqualTo(KmsEncryptionContext.canonical(Map.of("a", "bc", "", "d")));
  }

  private static KmsKey key(String keyId, SecretKeySpec material) {
    return new KmsKey(keyId, "111111111111", "us-east-1", NOW, "", material);
  }
}

package dev.errorbridge.connector.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Secrets through local-aws's KMS over HTTP with the real SDK. */
@ExtendWith(LocalServices.class)
class KmsSecretCipherTest {
  private static final SecretValue SECRET =
      SecretValue.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzSECRET");
  private static final SecretRef ALICE_KEY =
      new SecretRef("tenant-a", "conn-1", SecretPurpose.AWS_SECRET_ACCESS_KEY);

  private static LocalAws localAws;
  private static KmsClient kms;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  @BeforeAll
  static void start(LocalAws shared) {
    localAws = shared;
    kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
  }

  @AfterAll
  static void stop() {
    kms.close();
  }

  @AfterEach
  void clearFaults() {
    localAws.faults().clear();
  }

  @Test
  void decrypt_whenEncryptedForTheSameRef_returnsTheSecret() {
    KmsSecretCipher cipher = cipher(newKey());

    EncryptedSecret encrypted = cipher.encrypt(ALICE_KEY, SECRET);

    assertThat(cipher.decrypt(ALICE_KEY, encrypted).reveal()).isEqualTo(SECRET.reveal());
    assertThat(encrypted.keyId()).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
  }

  @Test
  void decrypt_whenCiphertextMovedToAnotherConnectionOrPurpose_failsWithoutShowingTheSecret() {
    KmsSecretCipher cipher = cipher(newKey());
    EncryptedSecret encrypted = cipher.encrypt(ALICE_KEY, SECRET);

    for (SecretRef other :
        new SecretRef[] {
          new SecretRef("tenant-a", "conn-2", SecretPurpose.AWS_SECRET_ACCESS_KEY),
          new SecretRef("tenant-b", "conn-1", SecretPurpose.AWS_SECRET_ACCESS_KEY),
          new SecretRef("tenant-a", "conn-1", SecretPurpose.WEBHOOK_SECRET)
        }) {
      assertThatThrownBy(() -> cipher.decrypt(other, encrypted))
          .isInstanceOfSatisfying(
              SecretCipherException.class,
              e -> {
                assertThat(e.kmsErrorCode()).isEqualTo("InvalidCiphertextException");
                assertThat(e).hasMessageContaining("enter the secret again");
                assertThat(e.getMessage()).doesNotContain(SECRET.reveal());
              });
    }
  }

  @Test
  void decrypt_whenCachedAndWarm_makesNoKmsCall() {
    KmsSecretCipher cipher = cipher(newKey());
    EncryptedSecret encrypted = cipher.encrypt(ALICE_KEY, SECRET);
    cipher.decrypt(ALICE_KEY, encrypted);
    localAws.faults().inject(Fault.throttle("Decrypt").always());

    assertThat(cipher.decrypt(ALICE_KEY, encrypted).reveal()).isEqualTo(SECRET.reveal());
  }

  @Test
  void decrypt_whenCacheExpiredOrInvalidated_asksKmsAgain() {
    KmsSecretCipher cipher = cipher(newKey());
    EncryptedSecret encrypted = cipher.encrypt(ALICE_KEY, SECRET);
    cipher.decrypt(ALICE_KEY, encrypted);
    localAws.faults().inject(Fault.throttle("Decrypt").times(2));

    clock.advance(Duration.ofMinutes(6));
    assertThatThrownBy(() -> cipher.decrypt(ALICE_KEY, encrypted))
        .isInstanceOf(SecretCipherException.class);
    cipher.invalidate("tenant-a", "conn-1");
    assertThatThrownBy(() -> cipher.decrypt(ALICE_KEY, encrypted))
        .isInstanceOf(SecretCipherException.class);
    assertThat(cipher.decrypt(ALICE_KEY, encrypted).reveal()).isEqualTo(SECRET.reveal());
  }

  @Test
  void decrypt_whenTheTtlEnds_dropsThePlaintextFromMemory() {
    KmsSecretCipher cipher = cipher(newKey());
    EncryptedSecret encrypted = cipher.encrypt(ALICE_KEY, SECRET);
    cipher.decrypt(ALICE_KEY, encrypted);
    assertThat(cipher.cachedPlaintexts()).isEqualTo(1);

    clock.advance(KmsSecretCipher.DEFAULT_CACHE_TTL.minusSeconds(1));
    assertThat(cipher.cachedPlaintexts()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));

    assertThat(cipher.cachedPlaintexts()).isZero();
  }

  @Test
  void decrypt_whenTheCacheIsOff_keepsNoPlaintext() {
    KmsSecretCipher cipher = new KmsSecretCipher(kms, newKey(), Duration.ZERO, clock);
    EncryptedSecret encrypted = cipher.encrypt(ALICE_KEY, SECRET);

    assertThat(cipher.decrypt(ALICE_KEY, encrypted).reveal()).isEqualTo(SECRET.reveal());
    assertThat(cipher.cachedPlaintexts()).isZero();
  }

  @Test
  void encrypt_whenKeyDisabled_reportsTheKeyAsUnavailable() {
    String key = newKey();
    KmsSecretCipher cipher = cipher(key);
    kms.disableKey(r -> r.keyId(key));

    assertThatThrownBy(() -> cipher.encrypt(ALICE_KEY, SECRET))
        .isInstanceOfSatisfying(
            SecretCipherException.class,
            e -> {
              assertThat(e.keyUnavailable()).isTrue();
              assertThat(e).hasMessageContaining("enable it");
            });
  }

  @Test
  void reencrypt_whenRotatedToANewKey_decryptsUnderTheNewKey() {
    EncryptedSecret old = cipher(newKey()).encrypt(ALICE_KEY, SECRET);
    String newKey = newKey();
    KmsSecretCipher rotated = cipher(newKey);

    EncryptedSecret reencrypted = rotated.reencrypt(ALICE_KEY, old);

    assertThat(reencrypted.keyId()).endsWith(newKey);
    assertThat(rotated.decrypt(ALICE_KEY, reencrypted).reveal()).isEqualTo(SECRET.reveal());
  }

  @Test
  void secretValue_whenPrintedOrSerialised_showsOnlyAMask() throws Exception {
    assertThat(SECRET.toString()).isEqualTo("****");
    assertThat(new ObjectMapper().writeValueAsString(Map.of("secret", SECRET)))
        .isEqualTo("{\"secret\":\"****\"}");
    assertThat(SECRET.hint()).isEqualTo("****CRET");
    assertThat(String.valueOf(new SecretRef("t", "c", SecretPurpose.PLATFORM_API_KEY)))
        .doesNotContain(SECRET.reveal());
  }

  private KmsSecretCipher cipher(String keyId) {
    return new KmsSecretCipher(kms, keyId, KmsSecretCipher.DEFAULT_CACHE_TTL, clock);
  }

  private static String newKey() {
    return kms.createKey(r -> r.description("errorbridge connection secrets"))
        .keyMetadata()
        .keyId();
  }
}

package dev.errorbridge.connector.secrets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/**
 * Secrets encrypted with AWS KMS under one key, with the secret's {@link SecretRef} as the
 * encryption context. Decrypted values are cached for a TTL (default 5 minutes) so the warm path
 * makes no KMS call; {@link #invalidate} drops a connection's entries when its secrets change.
 *
 * <p>The cache is bounded ({@value #MAX_CACHED} plaintexts) and drops each plaintext when its TTL
 * ends, measured on the given clock, so neither memory nor plaintext keys outlive their use.
 */
public final class KmsSecretCipher implements SecretCipher {
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  private final KmsClient kms;
  private final String keyId;

  /** Plaintexts kept at most; past it the least recently used is dropped. */
  static final int MAX_CACHED = 10_000;

  private final Cache<CacheKey, SecretValue> cache;

  private record CacheKey(SecretRef ref, ByteBuffer ciphertext) {}

  /**
   * @param kms the KMS client (the runtime's own credentials, not the customer's)
   * @param keyId the key id, ARN or alias new secrets are encrypted under
   * @param cacheTtl how long decrypted values are kept; zero disables the cache
   * @param clock the clock the TTL runs on
   */
  public KmsSecretCipher(KmsClient kms, String keyId, Duration cacheTtl, Clock clock) {
    this.kms = kms;
    this.keyId = keyId;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(cacheTtl.isZero() ? 0 : MAX_CACHED)
            .expireAfterWrite(cacheTtl)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
  }

  public KmsSecretCipher(KmsClient kms, String keyId) {
    this(kms, keyId, DEFAULT_CACHE_TTL, Clock.systemUTC());
  }

  @Override
  public EncryptedSecret encrypt(SecretRef ref, SecretValue secret) {
    EncryptResponse response =
        call(
            "encrypt",
            ref,
            () ->
                kms.encrypt(
                    r ->
                        r.keyId(keyId)
                            .plaintext(SdkBytes.fromString(secret.reveal(), StandardCharsets.UTF_8))
                            .encryptionContext(ref.encryptionContext())));
    return new EncryptedSecret(response.keyId(), response.ciphertextBlob().asByteArray());
  }

  @Override
  public SecretValue decrypt(SecretRef ref, EncryptedSecret encrypted) {
    CacheKey key = new CacheKey(ref, ByteBuffer.wrap(encrypted.ciphertext()));
    SecretValue cached = cache.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    DecryptResponse response =
        call(
            "decrypt",
            ref,
            () ->
                kms.decrypt(
                    r ->
                        r.ciphertextBlob(SdkBytes.fromByteArray(encrypted.ciphertext()))
                            .encryptionContext(ref.encryptionContext())));
    SecretValue value = SecretValue.of(response.plaintext().asUtf8String());
    cache.put(key, value);
    return value;
  }

  @Override
  public EncryptedSecret reencrypt(SecretRef ref, EncryptedSecret encrypted) {
    ReEncryptResponse response =
        call(
            "re-encrypt",
            ref,
            () ->
                kms.reEncrypt(
                    r ->
                        r.ciphertextBlob(SdkBytes.fromByteArray(encrypted.ciphertext()))
                            .sourceEncryptionContext(ref.encryptionContext())
                            .destinationKeyId(keyId)
                            .destinationEncryptionContext(ref.encryptionContext())));
    invalidate(ref.tenantId(), ref.connectionId());
    return new EncryptedSecret(response.keyId(), response.ciphertextBlob().asByteArray());
  }

  @Override
  public void invalidate(String tenantId, String connectionId) {
    cache
        .asMap()
        .keySet()
        .removeIf(
            k ->
                k.ref().tenantId().equals(tenantId) && k.ref().connectionId().equals(connectionId));
  }

  /** How many plaintexts are cached once the expired ones are dropped; for tests. */
  long cachedPlaintexts() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Runs a KMS request; its failure becomes a {@link SecretCipherException} saying what to do. */
  private <T> T call(String action, SecretRef ref, Supplier<T> request) {
    try {
      return request.get();
    } catch (KmsException e) {
      throw failure(action, ref, e);
    }
  }

  private SecretCipherException failure(String action, SecretRef ref, KmsException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String advice =
        switch (code == null ? "" : code) {
          case "InvalidCiphertextException" ->
              "the stored secret does not belong to this connection or"
                  + " was corrupted; enter the secret again";
          case "DisabledException", "KMSInvalidStateException" ->
              "the KMS key "
                  + keyId
                  + " is disabled or pending deletion; enable it (or cancel the deletion) to resume";
          case "NotFoundException" ->
              "the KMS key " + keyId + " does not exist; check the configured key";
          case "AccessDeniedException" ->
              "the runtime's role may not use the KMS key "
                  + keyId
                  + "; allow kms:Encrypt, kms:Decrypt and kms:ReEncrypt* on it";
          default -> "KMS answered " + code + "; retry later";
        };
    return new SecretCipherException(
        "Could not "
            + action
            + " the "
            + ref.purpose()
            + " of connection "
            + ref.connectionId()
            + " (tenant "
            + ref.tenantId()
            + "): "
            + advice,
        code,
        e);
  }
}

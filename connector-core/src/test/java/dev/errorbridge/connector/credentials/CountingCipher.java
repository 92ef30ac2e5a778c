package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.secrets.EncryptedSecret;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A cipher that counts decryptions and records invalidations, delegating the work. */
final class CountingCipher implements SecretCipher {
  private final SecretCipher delegate;
  private final AtomicInteger decryptions = new AtomicInteger();
  private final List<String> invalidated = new CopyOnWriteArrayList<>();

  CountingCipher(SecretCipher delegate) {
    this.delegate = delegate;
  }

  int decryptions() {
    return decryptions.get();
  }

  /** {@code tenantId/connectionId} per invalidation, in order. */
  List<String> invalidated() {
    return List.copyOf(invalidated);
  }

  @Override
  public EncryptedSecret encrypt(SecretRef ref, SecretValue secret) {
    return delegate.encrypt(ref, secret);
  }

  @Override
  public SecretValue decrypt(SecretRef ref, EncryptedSecret encrypted) {
    decryptions.incrementAndGet();
    return delegate.decrypt(ref, encrypted);
  }

  @Override
  public EncryptedSecret reencrypt(SecretRef ref, EncryptedSecret encrypted) {
    return delegate.reencrypt(ref, encrypted);
  }

  @Override
  public void invalidate(String tenantId, String connectionId) {
    invalidated.add(tenantId + "/" + connectionId);
    delegate.invalidate(tenantId, connectionId);
  }
}

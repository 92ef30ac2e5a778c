package dev.errorbridge.localaws.kms;

import java.time.Instant;
import javax.crypto.SecretKey;

/**
 * One symmetric KMS key: its identity and key material, which never change, and its lifecycle
 * state, which changes atomically so concurrent requests always see a consistent state.
 */
final class KmsKey {
  /** The state and, when pending deletion, the instant the key disappears, read and set as one. */
  record Status(KmsKeyState state, Instant deletionDate) {}

  private final String keyId;
  private final String arn;
  private final String accountId;
  private final String region;
  private final Instant creationDate;
  private final String description;
  private final SecretKey material;
  private volatile Status status = new Status(KmsKeyState.Enabled, null);

  KmsKey(
      String keyId,
      String accountId,
      String region,
      Instant creationDate,
      String description,
      SecretKey material) {
    this.keyId = keyId;
    this.accountId = accountId;
    this.region = region;
    this.arn = KmsArns.keyArn(region, accountId, keyId);
    this.creationDate = creationDate;
    this.description = description;
    this.material = material;
  }

  String keyId() {
    return keyId;
  }

  String arn() {
    return arn;
  }

  String accountId() {
    return accountId;
  }

  String region() {
    return region;
  }

  Instant creationDate() {
    return creationDate;
  }

  String description() {
    return description;
  }

  SecretKey material() {
    return material;
  }

  Status status() {
    return status;
  }

  /** Whether the key's deletion window has passed, i.e. AWS would have deleted it by now. */
  boolean isDeletedAt(Instant now) {
    Status current = status;
    return current.state() == KmsKeyState.PendingDeletion && !now.isBefore(current.deletionDate());
  }

  /** Refuses cryptographic use unless the key is enabled, with the error AWS gives per state. */
  void requireUsable() {
    switch (status.state()) {
      case Enabled -> {}
      case Disabled -> throw KmsErrors.disabled(arn);
      case PendingDeletion -> throw KmsErrors.pendingDeletion(arn);
    }
  }

  /** Refuses changes to a key pending deletion, which AWS only lets you cancel. */
  void requireNotPendingDeletion() {
    if (status.state() == KmsKeyState.PendingDeletion) {
      throw KmsErrors.pendingDeletion(arn);
    }
  }

  synchronized void enable() {
    requireNotPendingDeletion();
    status = new Status(KmsKeyState.Enabled, null);
  }

  synchronized void disable() {
    requireNotPendingDeletion();
    status = new Status(KmsKeyState.Disabled, null);
  }

  synchronized void scheduleDeletion(Instant deletionDate) {
    requireNotPendingDeletion();
    status = new Status(KmsKeyState.PendingDeletion, deletionDate);
  }
}

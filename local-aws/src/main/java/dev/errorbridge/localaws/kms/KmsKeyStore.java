package dev.errorbridge.localaws.kms;

import dev.errorbridge.localaws.internal.RequestContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keys and aliases, kept apart per account and region, and the one place a key reference is
 * resolved, so account isolation is enforced in a single spot for every operation.
 */
final class KmsKeyStore {
  private record Scope(String accountId, String region) {}

  /** One account's keys and aliases in one region. */
  private static final class Partition {
    final ConcurrentMap<String, KmsKey> keysById = new ConcurrentHashMap<>();
    final ConcurrentMap<String, KmsAlias> aliasesByName = new ConcurrentHashMap<>();
  }

  private final ConcurrentMap<Scope, Partition> partitions = new ConcurrentHashMap<>();

  void addKey(KmsKey key) {
    partition(key.accountId(), key.region()).keysById.put(key.keyId(), key);
  }

  /**
   * Adds an alias unless its name is taken in that account and region; the check and the insert are
   * one atomic step so two racing CreateAlias calls cannot both succeed.
   */
  void addAlias(RequestContext context, KmsAlias alias) {
    Partition partition = partition(context.accountId(), context.region());
    if (partition.aliasesByName.putIfAbsent(alias.aliasName(), alias) != null) {
      throw KmsErrors.alreadyExists(alias.aliasArn());
    }
  }

  /** The caller's aliases in its region, sorted by name so listings are stable. */
  List<KmsAlias> aliases(RequestContext context, Instant now) {
    return live(context, now).aliasesByName.values().stream()
        .sorted(Comparator.comparing(KmsAlias::aliasName))
        .toList();
  }

  /**
   * Finds the key a reference names, as seen by the caller.
   *
   * @param operation the KMS operation, named in an access-denied message
   * @throws dev.errorbridge.localaws.internal.AwsServiceException {@code AccessDeniedException}
   *     when an ARN names another account, {@code NotFoundException} when nothing matches in the
   *     caller's account and region
   */
  KmsKey resolve(KmsKeyReference reference, RequestContext context, String operation, Instant now) {
    Partition partition = live(context, now);
    if (reference instanceof KmsKeyReference.KeyId id) {
      return key(
          partition, id.text(), KmsArns.keyArn(context.region(), context.accountId(), id.text()));
    }
    if (reference instanceof KmsKeyReference.KeyArn arn) {
      // The account check comes first: another account's key must stay unusable, and whether it
      // exists must not leak either.
      if (!arn.accountId().equals(context.accountId())) {
        throw KmsErrors.accessDenied(context, operation, arn.text());
      }
      if (!arn.region().equals(context.region())) {
        throw KmsErrors.keyNotFound(arn.text());
      }
      return key(partition, arn.keyId(), arn.text());
    }
    if (reference instanceof KmsKeyReference.AliasName name) {
      return aliasTarget(partition, name.text());
    }
    KmsKeyReference.AliasArn arn = (KmsKeyReference.AliasArn) reference;
    if (!arn.accountId().equals(context.accountId())) {
      throw KmsErrors.accessDenied(context, operation, arn.text());
    }
    if (!arn.region().equals(context.region())) {
      throw KmsErrors.aliasNotFound(arn.aliasName());
    }
    return aliasTarget(partition, arn.aliasName());
  }

  private static KmsKey key(Partition partition, String keyId, String arnForMessage) {
    KmsKey key = partition.keysById.get(keyId);
    if (key == null) {
      throw KmsErrors.keyNotFound(arnForMessage);
    }
    return key;
  }

  private static KmsKey aliasTarget(Partition partition, String aliasName) {
    KmsAlias alias = partition.aliasesByName.get(aliasName);
    KmsKey key = alias == null ? null : partition.keysById.get(alias.targetKeyId());
    if (key == null) {
      throw KmsErrors.aliasNotFound(aliasName);
    }
    return key;
  }

  /**
   * The caller's partition with keys whose deletion window has passed removed, together with their
   * aliases, as AWS deletes them at the end of the window. Doing it on access keeps the emulator
   * free of background threads and makes it follow an injected clock exactly.
   */
  private Partition live(RequestContext context, Instant now) {
    Partition partition = partition(context.accountId(), context.region());
    if (partition.keysById.values().removeIf(key -> key.isDeletedAt(now))) {
      partition
          .aliasesByName
          .values()
          .removeIf(alias -> !partition.keysById.containsKey(alias.targetKeyId()));
    }
    return partition;
  }

  private Partition partition(String accountId, String region) {
    return partitions.computeIfAbsent(new Scope(accountId, region), scope -> new Partition());
  }
}

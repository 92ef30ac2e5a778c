package dev.errorbridge.localaws.kms;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;

/** Writes KMS response members in AWS JSON 1.1 form. */
final class KmsJson {
  static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";

  private KmsJson() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * AWS JSON 1.1 timestamps are epoch seconds as a JSON number; a scale-3 decimal keeps the
   * milliseconds without the rounding noise or exponent notation a double would print.
   */
  static void putTimestamp(ObjectNode node, String member, Instant instant) {
    node.put(member, BigDecimal.valueOf(instant.toEpochMilli(), 3));
  }

  /** AWS JSON 1.1 blobs are base64 strings. */
  static void putBlob(ObjectNode node, String member, byte[] bytes) {
    node.put(member, Base64.getEncoder().encodeToString(bytes));
  }

  /** A key's metadata as DescribeKey and CreateKey return it. */
  static ObjectNode keyMetadata(KmsKey key) {
    KmsKey.Status status = key.status();
    ObjectNode metadata = object();
    metadata.put("AWSAccountId", key.accountId());
    metadata.put("KeyId", key.keyId());
    metadata.put("Arn", key.arn());
    putTimestamp(metadata, "CreationDate", key.creationDate());
    metadata.put("Enabled", status.state() == KmsKeyState.Enabled);
    metadata.put("Description", key.description());
    metadata.put("KeyUsage", "ENCRYPT_DECRYPT");
    metadata.put("KeyState", status.state().name());
    if (status.deletionDate() != null) {
      putTimestamp(metadata, "DeletionDate", status.deletionDate());
    }
    metadata.put("Origin", "AWS_KMS");
    metadata.put("KeyManager", "CUSTOMER");
    // AWS still returns the deprecated CustomerMasterKeySpec next to KeySpec for older clients.
    metadata.put("CustomerMasterKeySpec", SYMMETRIC_DEFAULT);
    metadata.put("KeySpec", SYMMETRIC_DEFAULT);
    metadata.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
    metadata.put("MultiRegion", false);
    return metadata;
  }

  /** One ListAliases entry. */
  static ObjectNode aliasEntry(KmsAlias alias) {
    ObjectNode entry = object();
    entry.put("AliasName", alias.aliasName());
    entry.put("AliasArn", alias.aliasArn());
    entry.put("TargetKeyId", alias.targetKeyId());
    putTimestamp(entry, "CreationDate", alias.creationDate());
    putTimestamp(entry, "LastUpdatedDate", alias.creationDate());
    return entry;
  }
}

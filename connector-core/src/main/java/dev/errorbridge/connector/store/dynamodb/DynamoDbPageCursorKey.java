package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.SK;

import dev.errorbridge.connector.secrets.EncryptedSecret;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.settings.PageCursorKey;
import dev.errorbridge.connector.store.StoreDataInvalidException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The page cursor key every process of a deployment shares, with nothing to configure: 256 random
 * bits made by whichever process needs the key first, kept in the table at {@code
 * ERRORBRIDGE#page-cursor-key / KEY} encrypted under the deployment's KMS key (the secrets key,
 * with its own encryption context), read and decrypted once per process. Whoever can read the table
 * item still needs {@code kms:Decrypt} to learn the key; rotating it is deleting the item (cursors
 * handed out before are then refused, and clients start from the first page).
 */
public final class DynamoDbPageCursorKey implements PageCursorKey {
  static final String PARTITION = "ERRORBRIDGE#page-cursor-key";
  static final String SORT_KEY = "KEY";
  private static final SecretRef REF =
      new SecretRef("errorbridge", "page-cursor-key", SecretPurpose.PAGE_CURSOR_KEY);

  private final TableItems items;
  private final SecretCipher cipher;
  private byte[] key; // guarded by this

  public DynamoDbPageCursorKey(ErrorbridgeTable table, SecretCipher cipher) {
    this.items = new TableItems(table);
    this.cipher = cipher;
  }

  @Override
  public synchronized byte[] bytes() {
    if (key == null) {
      key = load();
    }
    return key;
  }

  private byte[] load() {
    Map<String, AttributeValue> stored = read();
    if (stored == null) {
      stored = create();
    }
    EncryptedSecret sealed =
        new EncryptedSecret(
            stored.get("keyId").s(), Base64.getDecoder().decode(stored.get("ciphertext").s()));
    byte[] decoded = Base64.getDecoder().decode(cipher.decrypt(REF, sealed).reveal());
    if (decoded.length < MIN_BYTES) {
      throw new StoreDataInvalidException(
          "the page cursor key at " + PARTITION + " is too short; delete the item to make anew");
    }
    return decoded;
  }

  private Map<String, AttributeValue> read() {
    return items.get(key(), "read the page cursor key").orElse(null);
  }

  /** Makes and stores a key; another process that stored one first wins, and its key is read. */
  private Map<String, AttributeValue> create() {
    byte[] fresh = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(fresh);
    EncryptedSecret sealed =
        cipher.encrypt(REF, SecretValue.of(Base64.getEncoder().encodeToString(fresh)));
    Map<String, AttributeValue> item = new java.util.HashMap<>(key());
    item.put("keyId", AttributeValue.fromS(sealed.keyId()));
    item.put("ciphertext", AttributeValue.fromS(sealed.ciphertextBase64()));
    try {
      items.putIfAbsent(item, "store the page cursor key");
      return item;
    } catch (ConditionalCheckFailedException lostTheRace) {
      return read();
    }
  }

  private static Map<String, AttributeValue> key() {
    return Map.of(PK, AttributeValue.fromS(PARTITION), SK, AttributeValue.fromS(SORT_KEY));
  }
}

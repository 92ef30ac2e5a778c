package dev.errorbridge.server.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded KMS key's record in {@code <data>/kms-key.json} (owner-readable only): the key's id
 * and the 48 random bytes its material (32) and id (16) were drawn from. local-aws keeps keys in
 * memory only, so at every start the embedded KMS re-creates the key from these bytes (see {@link
 * KeyRestoringRandom}); connection secrets encrypted before a restart then still decrypt.
 *
 * <p>The file holds key material in plain text, as any local development KMS does: it protects
 * secrets in the demo table against casual reading, not against someone who can read the data
 * directory. Real deployments use AWS KMS, where the material never leaves the service.
 */
public final class EmbeddedKmsKey {
  static final String FILE = "kms-key.json";
  static final int MATERIAL_BYTES = 32;
  static final int ID_BYTES = 16;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] seed;
  private final boolean stored;

  private EmbeddedKmsKey(byte[] seed, boolean stored) {
    this.seed = seed;
    this.stored = stored;
  }

  /** The stored record, or a new one (not yet stored) when there is none. */
  static EmbeddedKmsKey loadOrCreate(DataDirectory data, SecureRandom random) {
    Optional<String> stored = data.read(FILE);
    if (stored.isPresent()) {
      return parse(stored.get(), data);
    }
    byte[] seed = new byte[MATERIAL_BYTES + ID_BYTES];
    random.nextBytes(seed);
    return new EmbeddedKmsKey(seed, false);
  }

  private static EmbeddedKmsKey parse(String text, DataDirectory data) {
    try {
      JsonNode json = JSON.readTree(text);
      byte[] seed = Base64.getDecoder().decode(json.path("seed").asText());
      if (seed.length != MATERIAL_BYTES + ID_BYTES) {
        throw new IllegalArgumentException(
            "seed must be " + (MATERIAL_BYTES + ID_BYTES) + " bytes");
      }
      EmbeddedKmsKey key = new EmbeddedKmsKey(seed, true);
      if (!key.keyId().equals(json.path("keyId").asText())) {
        throw new IllegalArgumentException("keyId does not match the seed");
      }
      return key;
    } catch (Exception e) {
      throw new IllegalStateException(
          data.root().resolve(FILE)
              + " is damaged ("
              + e.getMessage()
              + "); secrets stored under the embedded KMS key cannot be decrypted without it."
              + " Restore it from a backup, or delete the whole data directory to start afresh",
          e);
    }
  }

  /** The randomness the embedded KMS starts with, so that its first key is this one. */
  SecureRandom random(SecureRandom fresh) {
    return new KeyRestoringRandom(seed, fresh);
  }

  /**
   * The key id local-aws derives from the seed's last 16 bytes: a version-4 UUID, as its {@code
   * CreateKey} builds it.
   */
  String keyId() {
    byte[] bytes = new byte[ID_BYTES];
    System.arraycopy(seed, MATERIAL_BYTES, bytes, 0, ID_BYTES);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }

  /** Whether the record was read from disk (false: created by this start). */
  boolean stored() {
    return stored;
  }

  /** Stores the record if this start created it. */
  void storeIfNew(DataDirectory data) {
    if (stored) {
      return;
    }
    ObjectNode json = JSON.createObjectNode();
    json.put("keyId", keyId());
    json.put("seed", Base64.getEncoder().encodeToString(seed));
    json.put(
        "note",
        "Embedded KMS key of the Errorbridge server (local development only). Deleting this"
            + " file makes every stored connection secret undecryptable.");
    try {
      data.writeSecretOnce(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKmsKey[keyId=" + keyId() + ", material=****]";
  }
}

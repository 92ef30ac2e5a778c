package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.store.PageCursorInvalidException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page cursors as clients see them: opaque, tamper-evident and bound to the tenant and the listing
 * they came from. A store's own cursor (its last evaluated key) is wrapped with an HMAC-SHA256 over
 * the tenant, the listing and the store cursor, under a server key ({@link PageCursorKey}); {@link
 * #open} refuses anything this API did not hand to this tenant for this listing, before a store
 * sees it. A cursor is not secret (the MAC only proves where it came from), and it does not expire:
 * it names a position, and reading from a position shows nothing the tenant could not list anyway.
 *
 * <p>Form: {@code base64url(store cursor) "." base64url(MAC)}, at most {@link #MAX_LENGTH}
 * characters.
 */
public final class PageCursors {
  /** The longest cursor accepted; longer ones are refused before decoding. */
  public static final int MAX_LENGTH = 2048;

  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{43}");
  private static final byte[] DOMAIN =
      "errorbridge page cursor v1".getBytes(StandardCharsets.UTF_8);
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final PageCursorKey key;

  public PageCursors(PageCursorKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * The cursor to hand to {@code tenantId} for a store cursor of {@code listing}.
   *
   * @param listing what is being listed, e.g. {@code connections}
   * @return the client's cursor, or {@code null} when {@code storeCursor} is {@code null} (last
   *     page)
   */
  public String seal(String tenantId, String listing, String storeCursor) {
    if (storeCursor == null) {
      return null;
    }
    byte[] payload = storeCursor.getBytes(StandardCharsets.UTF_8);
    String sealed =
        ENCODER.encodeToString(payload)
            + "."
            + ENCODER.encodeToString(mac(tenantId, listing, payload));
    if (sealed.length() > MAX_LENGTH) {
      // A store key this long is a store's bug; handing it out would make a cursor open() refuses.
      throw new IllegalStateException(
          "a " + listing + " store cursor of " + payload.length + " bytes is too long to hand out");
    }
    return sealed;
  }

  /**
   * The store cursor inside a client's cursor.
   *
   * @return the store cursor, or {@code null} when {@code cursor} is {@code null} (first page)
   * @throws PageCursorInvalidException when the cursor is malformed, altered, or was handed to
   *     another tenant or for another listing
   */
  public String open(String tenantId, String listing, String cursor) {
    if (cursor == null) {
      return null;
    }
    if (cursor.length() > MAX_LENGTH || !FORM.matcher(cursor).matches()) {
      throw invalid();
    }
    int dot = cursor.lastIndexOf('.');
    byte[] payload;
    byte[] presented;
    try {
      payload = DECODER.decode(cursor.substring(0, dot));
      presented = DECODER.decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(presented, mac(tenantId, listing, payload))) {
      throw invalid();
    }
    return new String(payload, StandardCharsets.UTF_8);
  }

  private byte[] mac(String tenantId, String listing, byte[] payload) {
    byte[] secret = key.bytes();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(DOMAIN);
      // Length-prefixed, so no choice of tenant and listing can shift bytes between the parts.
      field(mac, tenantId.getBytes(StandardCharsets.UTF_8));
      field(mac, listing.getBytes(StandardCharsets.UTF_8));
      field(mac, payload);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static void field(Mac mac, byte[] value) {
    mac.update(ByteBuffer.allocate(4).putInt(value.length).array());
    mac.update(value);
  }

  private static PageCursorInvalidException invalid() {
    return new PageCursorInvalidException(
        "is not one this API returned to you for this list; pass the nextCursor of the previous"
            + " page unchanged, or leave cursor out to start from the first page");
  }
}

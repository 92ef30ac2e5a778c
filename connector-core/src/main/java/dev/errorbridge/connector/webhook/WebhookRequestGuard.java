package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses requests that no connection could accept (too large, not JSON, empty) before any lookup,
 * signature or parsing, so they cost almost nothing and get the same answer for every connection.
 * The receiver's request guards, in order:
 *
 * <ol>
 *   <li>body over the limit (1 MiB by default) → 413;
 *   <li>{@code Content-Type} missing, repeated, not {@code application/json} or {@code
 *       application/*+json}, or with a charset other than UTF-8 → 415 (JSON is UTF-8 by RFC 8259);
 *   <li>empty body → 400.
 * </ol>
 *
 * A transport should also stop reading a body at the limit, so that an oversized request never sits
 * in memory whole.
 */
public final class WebhookRequestGuard {
  private final int maxBodyBytes;

  public WebhookRequestGuard(int maxBodyBytes) {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1");
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * @return the rejection, or empty to go on
   */
  public Optional<WebhookReceipt.Rejected> check(WebhookRequest request) {
    if (request.bodyLength() > maxBodyBytes) {
      return Optional.of(Rejections.tooLarge(maxBodyBytes));
    }
    if (!isJson(request.headers().all("Content-Type"))) {
      return Optional.of(Rejections.UNSUPPORTED_MEDIA_TYPE);
    }
    if (request.bodyLength() == 0) {
      return Optional.of(Rejections.EMPTY_BODY);
    }
    return Optional.empty();
  }

  static boolean isJson(List<String> contentTypes) {
    if (contentTypes.size() != 1) {
      return false;
    }
    String[] parts = contentTypes.get(0).split(";", -1);
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    boolean json =
        mediaType.equals("application/json")
            || mediaType.startsWith("application/")
                && mediaType.endsWith("+json")
                && mediaType.length() > "application/+json".length()
                && mediaType.indexOf('/') == mediaType.lastIndexOf('/');
    if (!json) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int eq = parameter.indexOf('=');
      if (eq < 0) {
        return parameter.isEmpty() && i == parts.length - 1; // a trailing ';' only
      }
      String name = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = unquote(parameter.substring(eq + 1).trim()).toLowerCase(Locale.ROOT);
      if (name.equals("charset") && !value.equals("utf-8") && !value.equals("utf8")) {
        return false;
      }
    }
    return true;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}

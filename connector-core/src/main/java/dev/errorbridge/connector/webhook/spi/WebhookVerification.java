package dev.errorbridge.connector.webhook.spi;

import java.util.Objects;

/**
 * Whether a request proved it comes from the connection's sender. The failure reason is for debug
 * logs only (it never reaches the response) and never contains a secret or a presented credential.
 *
 * @param verified whether every check passed
 * @param failure which check failed, or {@code null} when verified
 */
public record WebhookVerification(boolean verified, String failure) {
  private static final WebhookVerification VERIFIED = new WebhookVerification(true, null);

  public WebhookVerification {
    if (verified != (failure == null)) {
      throw new IllegalArgumentException("a failed verification, and only one, has a reason");
    }
  }

  public static WebhookVerification passed() {
    return VERIFIED;
  }

  public static WebhookVerification failed(String reason) {
    return new WebhookVerification(false, Objects.requireNonNull(reason, "reason"));
  }
}

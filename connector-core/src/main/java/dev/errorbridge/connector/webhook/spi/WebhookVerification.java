package dev.errorbridge.connector.webhook.spi;

import java.util.Objects;

/**
 * Whether a request proved it comes from the connection's sender. The failure reason is for debug
 * logs only (it never reaches the response) and never contains a secret or a presented credential.
 *
 * @param verified whether every check passed
 * @param failure which check failed, or {@code null} when verified
 * @param replay the request to record with its event's claim ({@link ReplayGuard#joinsClaim()}), or
 *     {@code null}
 */
public record WebhookVerification(boolean verified, String failure, ReplayRecord replay) {
  private static final WebhookVerification VERIFIED = new WebhookVerification(true, null, null);

  public WebhookVerification {
    if (verified != (failure == null)) {
      throw new IllegalArgumentException("a failed verification, and only one, has a reason");
    }
    if (replay != null && !verified) {
      throw new IllegalArgumentException("only a verified request is recorded against replays");
    }
  }

  public WebhookVerification(boolean verified, String failure) {
    this(verified, failure, null);
  }

  public static WebhookVerification passed() {
    return VERIFIED;
  }

  /** Verified; {@code replay} is to be written with the event's claim. */
  public static WebhookVerification passed(ReplayRecord replay) {
    return new WebhookVerification(true, null, Objects.requireNonNull(replay, "replay"));
  }

  public static WebhookVerification failed(String reason) {
    return new WebhookVerification(false, Objects.requireNonNull(reason, "reason"));
  }
}

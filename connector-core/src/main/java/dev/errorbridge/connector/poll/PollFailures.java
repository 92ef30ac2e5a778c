package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.source.SourceAddressForbiddenException;
import dev.errorbridge.connector.source.SourceAuthException;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.source.SourceRateLimitedException;
import dev.errorbridge.connector.source.SourceUnavailableException;
import java.time.Instant;

/**
 * What a failure that ended a cycle means: its status, the message to record (the exceptions'
 * messages already name the connection and say what to do, and never hold the key), when to poll
 * again, and whether the connection goes to ERROR.
 */
final class PollFailures {

  private PollFailures() {}

  /**
   * @param status the cycle's status
   * @param message what to record and report
   * @param notBefore when to poll again, or {@code null} for the connection's interval
   * @param connectionError whether the connection is put in ERROR with the message
   */
  record Failure(PollStatus status, String message, Instant notBefore, boolean connectionError) {}

  static Failure of(RuntimeException e, Instant now, PollConfig config) {
    String message = e.getMessage();
    if (e instanceof CycleStoppedException stopped) {
      return new Failure(stopped.status(), message, null, false);
    }
    if (e instanceof SourceAuthException) {
      return new Failure(
          PollStatus.AUTH_REFUSED, message, now.plus(config.authRetryInterval()), true);
    }
    if (e instanceof SourceRateLimitedException limited) {
      return new Failure(PollStatus.RATE_LIMITED, message, now.plus(limited.retryAfter()), false);
    }
    if (e instanceof SourceUnavailableException) {
      return new Failure(PollStatus.PLATFORM_UNAVAILABLE, message, null, false);
    }
    if (e instanceof SourceDeadlineExceededException) {
      return new Failure(PollStatus.INCOMPLETE, message, null, false);
    }
    if (e instanceof SourceAddressForbiddenException) {
      return new Failure(PollStatus.SETTINGS_INVALID, message, null, true);
    }
    if (e instanceof SourceException) { // response invalid, request rejected
      return new Failure(PollStatus.PLATFORM_ERROR, message, null, false);
    }
    if (e instanceof SourceConnectionInvalidException) {
      return new Failure(
          PollStatus.SETTINGS_INVALID,
          message + ". Fix the connection's source settings; polling resumes on the next cycle",
          null,
          true);
    }
    if (e instanceof SecretCipherException cipher) {
      return new Failure(
          PollStatus.SECRET_UNAVAILABLE,
          "the platform API key could not be decrypted: " + message,
          null,
          cipher.keyUnavailable());
    }
    return new Failure(
        PollStatus.FAILED,
        e.getClass().getSimpleName()
            + ": "
            + message
            + "; nothing was advanced and the next cycle retries",
        null,
        false);
  }
}

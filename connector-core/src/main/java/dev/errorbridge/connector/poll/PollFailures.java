package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.source.SourceAddressForbiddenException;
import dev.errorbridge.connector.source.SourceAuthException;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.source.SourceRateLimitedException;
import dev.errorbridge.connector.source.SourceRequestRejectedException;
import dev.errorbridge.connector.source.SourceResponseTooLargeException;
import dev.errorbridge.connector.source.SourceUnavailableException;
import java.time.Instant;

/**
 * What a failure that ended a cycle means: its status, the message to record (the exceptions'
 * messages already name the connection and say what to do, and never hold the key), what the owner
 * can do about it (the connection health's {@code fix}), when to poll again, and whether the
 * connection goes to ERROR at once.
 */
final class PollFailures {
  static final String FIX_KEY =
      "Enter a current API key for the platform (source.apiKey); polling tries the key again every"
          + " 15 minutes, and at once when the connection's settings change.";
  static final String FIX_SETTINGS =
      "Correct the connection's source settings (base URL, options); polling resumes on the next"
          + " cycle.";
  static final String FIX_REJECTED =
      "Check the connection's base URL and its options (app id, API generation, organization)"
          + " against the platform; polling tries again every cycle.";
  static final String FIX_UNREADABLE =
      "Check that the base URL points at the platform's API itself, not a proxy or a login page;"
          + " if it does, the platform changed its API: report the reason to Errorbridge support.";
  static final String FIX_TOO_LARGE =
      "Nothing is wrong with the settings: the platform's runs are too large to list. Lower"
          + " source.options.pageSize, or look for the very large runs in the platform's console.";
  static final String FIX_UNAVAILABLE =
      "The platform is failing or slow: check its status page. If it answers only slowly, raise"
          + " source.options.requestTimeout (e.g. PT30S); polling tries again every cycle.";
  static final String FIX_RATE_LIMITED =
      "The platform limits this key's requests: poll less often (source.options.pollInterval, e.g."
          + " PT5M), or on Trigify lower source.options.requestsPerMinute when other tools share"
          + " the key.";
  static final String FIX_INCOMPLETE =
      "Each cycle publishes what it reads, but moves on only once a window is read to its end. If"
          + " this persists, backfill the window, raise source.options.pageSize or shorten"
          + " source.options.lookback.";
  static final String FIX_SECRET =
      "Check the KMS key of the platform secrets (enabled, and kms:Decrypt allowed to"
          + " Errorbridge); polling tries again every cycle.";
  static final String FIX_DEPENDENCY =
      "An Errorbridge dependency (DynamoDB) failed; polling tries again every cycle. If this"
          + " persists, check the table's throttling and the service's logs.";

  private PollFailures() {}

  /**
   * @param status the cycle's status
   * @param message what to record and report
   * @param notBefore when to poll again, or {@code null} for the connection's interval
   * @param connectionError whether the connection is put in ERROR with the message at once
   * @param fix what the owner can do, or {@code null} when there is nothing to do
   */
  record Failure(
      PollStatus status, String message, Instant notBefore, boolean connectionError, String fix) {}

  static Failure of(RuntimeException e, Instant now, PollConfig config) {
    String message = e.getMessage();
    if (e instanceof CycleStoppedException stopped) {
      return new Failure(stopped.status(), message, null, false, null);
    }
    if (e instanceof SourceAuthException) {
      return new Failure(
          PollStatus.AUTH_REFUSED, message, now.plus(config.authRetryInterval()), true, FIX_KEY);
    }
    if (e instanceof SourceRateLimitedException limited) {
      return new Failure(
          PollStatus.RATE_LIMITED,
          message,
          now.plus(limited.retryAfter()),
          false,
          FIX_RATE_LIMITED);
    }
    if (e instanceof SourceUnavailableException) {
      return new Failure(PollStatus.PLATFORM_UNAVAILABLE, message, null, false, FIX_UNAVAILABLE);
    }
    if (e instanceof SourceDeadlineExceededException) {
      return new Failure(PollStatus.INCOMPLETE, message, null, false, FIX_INCOMPLETE);
    }
    if (e instanceof SourceAddressForbiddenException) {
      return new Failure(PollStatus.SETTINGS_INVALID, message, null, true, FIX_SETTINGS);
    }
    if (e instanceof SourceException) { // response invalid or too large, request rejected
      String fix =
          e instanceof SourceRequestRejectedException
              ? FIX_REJECTED
              : e instanceof SourceResponseTooLargeException ? FIX_TOO_LARGE : FIX_UNREADABLE;
      return new Failure(PollStatus.PLATFORM_ERROR, message, null, false, fix);
    }
    if (e instanceof SourceConnectionInvalidException) {
      return new Failure(
          PollStatus.SETTINGS_INVALID,
          message + ". Fix the connection's source settings; polling resumes on the next cycle",
          null,
          true,
          FIX_SETTINGS);
    }
    if (e instanceof SecretCipherException cipher) {
      return new Failure(
          PollStatus.SECRET_UNAVAILABLE,
          "the platform API key could not be decrypted: " + message,
          null,
          cipher.keyUnavailable(),
          FIX_SECRET);
    }
    return new Failure(
        PollStatus.FAILED,
        e.getClass().getSimpleName()
            + ": "
            + message
            + "; nothing was advanced and the next cycle retries",
        null,
        false,
        FIX_DEPENDENCY);
  }
}

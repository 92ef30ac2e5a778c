package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.mapping.EventIds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code WebhookReceiver} decided about one request. Nothing has been published yet: the caller
 * publishes an {@link Accepted} failure (with a short deadline, deduplicated on {@link
 * Accepted#eventId()}, parked for retry if need be) and answers with {@link #response()} or with
 * its own response for the delivery's result.
 *
 * <p>{@code WebhookIntake} is that caller: it delivers through {@code ConnectionDelivery} and
 * answers for the delivery's result.
 */
public sealed interface WebhookReceipt
    permits WebhookReceipt.Accepted, WebhookReceipt.Ignored, WebhookReceipt.Rejected {

  /** The HTTP answer for this receipt. */
  WebhookResponse response();

  /**
   * The request was authentic and reports a failure.
   *
   * @param failure the failure, with delivery {@code WEBHOOK} detected when the request arrived
   * @param connection the stored connection the request was verified against, when the lookup read
   *     one, or {@code null}
   * @param replay the request to record against replays in its event's claim, or {@code null}
   */
  record Accepted(FailedExecution failure, Connection connection, ReplayRecord replay)
      implements WebhookReceipt {
    public Accepted {
      Objects.requireNonNull(failure, "failure");
    }

    /** A failure with the stored connection and nothing to record. */
    public Accepted(FailedExecution failure, Connection connection) {
      this(failure, connection, null);
    }

    /** A failure without the stored connection. */
    public Accepted(FailedExecution failure) {
      this(failure, null, null);
    }

    /** This receipt with the stored connection the request was verified against. */
    public Accepted withConnection(Connection value) {
      return new Accepted(failure, value, replay);
    }

    /** This receipt with the request to record in its event's claim. */
    public Accepted withReplay(ReplayRecord value) {
      return new Accepted(failure, connection, value);
    }

    /** The failure's deterministic event id: the same for a redelivery and for the poll view. */
    public String eventId() {
      return EventIds.of(failure);
    }

    /** 202 with the event id; publishing has not happened yet. */
    @Override
    public WebhookResponse response() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "accepted");
      body.put("eventId", eventId());
      return ResponseBodies.json(202, body, Map.of());
    }

    @Override
    public String toString() {
      // The connection's settings add nothing to a log line about a receipt.
      return "Accepted[eventId=" + eventId() + ", connectionId=" + failure.connectionId() + "]";
    }
  }

  /**
   * The request was authentic but reports nothing to stream (a success or unknown event, a status
   * the field mapping ignores; and, from {@code WebhookIntake}, a disabled connection or a failure
   * its filters leave out). Every ignored answer is {@value #IGNORED_STATUS}: a 2xx, so that the
   * platform does not retry it, and the same 202 as every other answer of the intake, so that a
   * sender's or monitor's status check need not know why nothing was streamed.
   *
   * @param reason why, in words safe to return to the caller
   */
  record Ignored(String reason) implements WebhookReceipt {
    /** The status of every {@code ignored} answer. */
    public static final int IGNORED_STATUS = 202;

    public Ignored {
      Objects.requireNonNull(reason, "reason");
    }

    /** {@value #IGNORED_STATUS} {@code {"status":"ignored","reason":…}}. */
    @Override
    public WebhookResponse response() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "ignored");
      body.put("reason", reason);
      return ResponseBodies.json(IGNORED_STATUS, body, Map.of());
    }
  }

  /**
   * The request was refused.
   *
   * @param status the HTTP status (4xx, or 503 when a dependency failed)
   * @param problems what was wrong, each naming its field; generic for authentication failures
   * @param retryAfter when to try again (sent as {@code Retry-After}), or {@code null}
   */
  record Rejected(int status, List<String> problems, Duration retryAfter)
      implements WebhookReceipt {
    public Rejected {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("a rejection's status must be between 400 and 599");
      }
      problems = List.copyOf(problems);
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative");
      }
    }

    /** A rejection without {@code Retry-After}. */
    public Rejected(int status, List<String> problems) {
      this(status, problems, null);
    }

    /** The status with {@code {"status":"rejected","problems":[...]}}. */
    @Override
    public WebhookResponse response() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "rejected");
      body.put("problems", problems);
      Map<String, String> headers =
          retryAfter == null
              ? Map.of()
              : Map.of("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
      return ResponseBodies.json(status, body, headers);
    }

    // Retry-After takes whole seconds; rounding up keeps a client from coming back too early.
    private static long retryAfterSeconds(Duration wait) {
      long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }
}

package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.time.Deadline;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends one batch until every entry is delivered or parked: reads each entry's result, resends only
 * the retryable failures, waits between attempts as the retry policy says (exponential backoff with
 * jitter), and parks what cannot be delivered before the deadline, the attempt limit, or a fatal
 * destination error.
 */
final class BatchSender {
  private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

  private final PublisherConfig config;
  private final PutEventsErrorClassifier classifier;
  private final DeadLetterStore deadLetters;
  private final Retry retry;

  BatchSender(
      PublisherConfig config,
      PutEventsErrorClassifier classifier,
      DeadLetterStore deadLetters,
      Retry retry) {
    this.config = config;
    this.classifier = classifier;
    this.deadLetters = deadLetters;
    this.retry = retry;
  }

  /** What one publish call shares across its batches. */
  record Call(
      EventSink sink,
      Destination destination,
      DestinationResources.Resources resources,
      List<MappedEvent> events,
      Deadline deadline,
      PublishOutcome[] outcomes,
      AtomicInteger requests,
      AtomicInteger entriesSent,
      AtomicReference<String> destinationError) {}

  void send(Call call, List<Integer> batch) {
    Retry.AsyncContext<List<Integer>> policy = retry.asyncContext();
    List<Integer> pending = batch;
    LastFailure last = new LastFailure();
    for (int attempt = 1; ; attempt++) {
      int sentSoFar = attempt - 1;
      // An attempt starts only with time for a whole one: one cut short by the deadline would give
      // up while EventBridge may still accept it, and its events would be sent again later.
      if (call.deadline().remaining(config.clock()).compareTo(config.minAttemptTime()) < 0
          || !awaitRatePermit(call)) {
        park(call, pending, DeadLetterReason.DEADLINE_EXCEEDED, last, sentSoFar);
        return;
      }
      if (!call.resources().breaker().tryAcquirePermission()) {
        park(
            call,
            pending,
            DeadLetterReason.CIRCUIT_OPEN,
            "CircuitOpen",
            "Too many recent failures publishing to this destination; calls paused for "
                + config.breakerOpenDuration().toSeconds()
                + " s",
            sentSoFar,
            last.unanswered);
        return;
      }
      long delayMillis;
      long started = System.nanoTime();
      try {
        List<EventSink.EntryResult> results =
            call.sink()
                .send(
                    call.resources().client(),
                    call.destination(),
                    eventsOf(call, pending),
                    attemptTimeout(call));
        last.unanswered = false;
        call.resources().breaker().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        count(call, pending);
        List<Integer> retryable = new ArrayList<>();
        String destinationWide = destinationWideCode(results, pending.size());
        if (destinationWide != null) {
          // Every entry refused for the same reason about the bus or the caller: the destination
          // itself refuses, which must count towards suspending the connection like a failed call.
          call.destinationError().compareAndSet(null, destinationWide);
          park(
              call,
              pending,
              DeadLetterReason.DESTINATION_ERROR,
              destinationWide,
              results.get(0).errorMessage(),
              attempt,
              false);
          return;
        }
        for (int k = 0; k < pending.size(); k++) {
          int index = pending.get(k);
          EventSink.EntryResult result = k < results.size() ? results.get(k) : null;
          if (result != null && result.delivered()) {
            call.outcomes()[index] =
                new PublishOutcome.Delivered(
                    call.events().get(index).eventId(), result.eventId(), attempt);
            continue;
          }
          String code = result == null ? "MissingResultEntry" : result.errorCode();
          String message =
              result == null
                  ? "EventBridge returned no result for this entry"
                  : result.errorMessage();
          if (classifier.classifyEntry(code) == ErrorClass.RETRY) {
            retryable.add(index);
            last.code = code;
            last.message = message;
          } else {
            park(
                call,
                List.of(index),
                DeadLetterReason.NON_RETRYABLE_ERROR,
                code,
                message,
                attempt,
                false);
          }
        }
        pending = retryable;
        if (pending.isEmpty()) {
          policy.onComplete();
          return;
        }
        delayMillis = policy.onResult(pending);
      } catch (SdkException e) {
        call.resources().breaker().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
        count(call, pending);
        last.code = errorCode(e);
        last.message = e.getMessage();
        // No answer (a timeout, a reset): the request may have been accepted all the same.
        last.unanswered = !(e instanceof AwsServiceException);
        ErrorClass errorClass = classifier.classifyRequest(e);
        if (errorClass == ErrorClass.FATAL) {
          call.destinationError().compareAndSet(null, last.code);
          park(call, pending, DeadLetterReason.DESTINATION_ERROR, last, attempt);
          return;
        }
        if (errorClass == ErrorClass.REPORT) {
          park(call, pending, DeadLetterReason.NON_RETRYABLE_ERROR, last, attempt);
          return;
        }
        delayMillis = policy.onError(e);
      }
      if (delayMillis < 0) {
        park(call, pending, DeadLetterReason.RETRIES_EXHAUSTED, last, attempt);
        return;
      }
      Duration delay = Duration.ofMillis(delayMillis);
      if (call.deadline().remaining(config.clock()).compareTo(delay.plus(config.minAttemptTime()))
          < 0) {
        park(call, pending, DeadLetterReason.DEADLINE_EXCEEDED, last, attempt);
        return;
      }
      LOG.debug(
          "retrying connectionId={} entries={} attempt={} delayMs={} lastCode={}",
          call.destination().connectionId(),
          pending.size(),
          attempt,
          delayMillis,
          last.code);
      if (!sleep(delay)) {
        park(
            call,
            pending,
            DeadLetterReason.DEADLINE_EXCEEDED,
            last.code,
            "interrupted",
            attempt,
            last.unanswered);
        return;
      }
    }
  }

  /** The code every entry failed with, if all did with one destination-wide code; else null. */
  private String destinationWideCode(List<EventSink.EntryResult> results, int sent) {
    if (results.size() < sent) {
      return null;
    }
    String code = results.get(0).errorCode();
    if (code == null || !classifier.isDestinationWide(code)) {
      return null;
    }
    for (int k = 1; k < sent; k++) {
      if (!code.equals(results.get(k).errorCode())) {
        return null;
      }
    }
    return code;
  }

  private static List<MappedEvent> eventsOf(Call call, List<Integer> pending) {
    List<MappedEvent> events = new ArrayList<>(pending.size());
    for (int index : pending) {
      events.add(call.events().get(index));
    }
    return events;
  }

  /**
   * The attempt's timeout: the configured one, shortened to what is left before the deadline. With
   * the SDK's retries off, the attempt timeout bounds the whole call.
   */
  private Duration attemptTimeout(Call call) {
    Duration remaining = call.deadline().remaining(config.clock());
    Duration timeout =
        remaining.compareTo(config.attemptTimeout()) < 0 ? remaining : config.attemptTimeout();
    return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
  }

  /** Waits for the destination's rate limiter; false if that would pass the deadline. */
  private boolean awaitRatePermit(Call call) {
    long waitNanos = call.resources().limiter().reservePermission();
    if (waitNanos == 0) {
      return true;
    }
    if (waitNanos < 0) {
      return false;
    }
    Duration wait = Duration.ofNanos(waitNanos);
    return call.deadline().remaining(config.clock()).compareTo(wait) > 0 && sleep(wait);
  }

  private boolean sleep(Duration delay) {
    try {
      config.sleeper().sleep(delay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void count(Call call, List<Integer> pending) {
    call.requests().incrementAndGet();
    call.entriesSent().addAndGet(pending.size());
  }

  /**
   * How a batch's latest attempt failed (its retryable entries' last error, or the failed call's):
   * what its dead letters report when the batch is parked after it.
   */
  private static final class LastFailure {
    String code;
    String message;

    /** Whether the last call got no answer: its entries may have been delivered all the same. */
    boolean unanswered;
  }

  private void park(
      Call call, List<Integer> indexes, DeadLetterReason reason, LastFailure last, int attempts) {
    park(call, indexes, reason, last.code, last.message, attempts, last.unanswered);
  }

  private void park(
      Call call,
      List<Integer> indexes,
      DeadLetterReason reason,
      String errorCode,
      String errorMessage,
      int attempts,
      boolean maybeDelivered) {
    for (int index : indexes) {
      MappedEvent event = call.events().get(index);
      deadLetters.park(
          new DeadLetter(
              call.destination().tenantId(),
              call.destination().connectionId(),
              event.eventId(),
              reason,
              errorCode,
              errorMessage,
              attempts,
              config.clock().instant(),
              DeadLetter.Entry.of(event.entry())));
      call.outcomes()[index] =
          new PublishOutcome.DeadLettered(
              event.eventId(), reason, errorCode, errorMessage, attempts, maybeDelivered);
    }
    LOG.warn(
        "parked connectionId={} events={} reason={} errorCode={} attempts={}",
        call.destination().connectionId(),
        indexes.size(),
        reason,
        errorCode,
        attempts);
  }

  private static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }
}

package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.FailedExecutionMapper;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.ReplayRefusedException;
import dev.errorbridge.connector.webhook.spi.WebhookConfigInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/{connectionId}} from request to answer, transport-free: the Lambda handler
 * and the standalone server both call {@link #handle}. The {@link WebhookReceiver} decides about
 * the request; an accepted failure is delivered through {@link ConnectionDelivery} (toggle,
 * filters, dedup shared with the pollers, publishing within a short budget), and the answer is 2xx
 * only once the event is delivered or durably kept:
 *
 * <table>
 *   <caption>Answers after an authentic request</caption>
 *   <tr><th>What happened</th><th>Answer</th></tr>
 *   <tr><td>nothing to stream: a success or unknown event, a status the mapping ignores</td>
 *       <td>202 {@code {"status":"ignored","reason":…}} ({@link WebhookReceipt.Ignored}, the
 *       receiver's answer)</td></tr>
 *   <tr><td>connection switched off</td>
 *       <td>202 {@code {"status":"ignored","reason":"connection disabled"}}, nothing kept</td></tr>
 *   <tr><td>outcome or workflow filtered out</td><td>202 {@code ignored}</td></tr>
 *   <tr><td>on the bus</td><td>202 {@code {"status":"accepted","eventId":…}}</td></tr>
 *   <tr><td>on the bus before (a webhook retry, or a poll)</td><td>202 {@code duplicate}</td></tr>
 *   <tr><td>in the outbox: a transient publish failure, credentials not resolvable now, or
 *       claimed before and not yet delivered (a process that died mid-publish: the retry worker
 *       delivers it)</td>
 *       <td>202 {@code queued}</td></tr>
 *   <tr><td>refused for good, or the connection is suspended: among the dead letters</td>
 *       <td>202 {@code dead-lettered}</td></tr>
 *   <tr><td>not even parking worked</td>
 *       <td>503 with {@code Retry-After}, so the platform sends it again</td></tr>
 * </table>
 *
 * Every {@code ignored} answer is the same 202 ({@link WebhookReceipt.Ignored#IGNORED_STATUS}).
 * Every 202 carries the event id, except the ignored ones. A {@link WebhookEnricher} (default none)
 * may first replace the failure within the publish budget, e.g. with the poller's view of an Alloy
 * run, whose event id is then the one answered. The {@link ConnectionDelivery} must publish through
 * a publisher that parks through a {@link
 * dev.errorbridge.connector.retry.RetryRoutingDeadLetterStore}. Thread-safe.
 *
 * <pre>{@code
 * WebhookIntake intake = new WebhookIntake(new WebhookIntake.Parts(
 *     receiver, connectionStore, delivery, stores.outbox(), stores.deadLetters(),
 *     new DefaultFailedExecutionMapper(), RetrySchedule.defaults(), clock, WebhookEnricher.none()));
 * WebhookResponse response = intake.handle(request);
 * }</pre>
 */
public final class WebhookIntake {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

  /** How long a webhook waits for its event to be published before parking it. */
  public static final Duration DEFAULT_PUBLISH_BUDGET = Duration.ofSeconds(3);

  /**
   * What an intake is made of; built by code only, so a record, and every part is required.
   *
   * @param receiver guards, verifies and parses requests
   * @param connections where an accepted request's connection is read again (toggle, health)
   * @param delivery delivers accepted failures
   * @param outbox the outbox {@code delivery} claims in: it also keeps failures whose credentials
   *     cannot be resolved now, and tells a failed delivery what became of its event
   * @param deadLetters the real dead letters, for failures of suspended connections
   * @param mapper maps failures that are parked without being published (the schema v1 {@link
   *     DefaultFailedExecutionMapper} if unsure)
   * @param retrySchedule when a parked failure is first due ({@link RetrySchedule#defaults()} if
   *     unsure)
   * @param clock the clock budgets, claims and parking times run on
   * @param enricher what may replace an accepted failure before delivery, within the publish budget
   *     (e.g. {@link DefaultWebhookEnricher}, which asks each platform's plug-in; {@link
   *     WebhookEnricher#none()} for none)
   */
  public record Parts(
      WebhookReceiver receiver,
      ConnectionStore connections,
      ConnectionDelivery delivery,
      Outbox outbox,
      DeadLetterStore deadLetters,
      FailedExecutionMapper mapper,
      RetrySchedule retrySchedule,
      Clock clock,
      WebhookEnricher enricher) {}

  private final Parts parts;
  private final UndeliveredWebhooks undelivered;
  private final Duration publishBudget;
  private final Duration publishWindow;

  /**
   * With the {@link #DEFAULT_PUBLISH_BUDGET}, publishing no longer than it.
   *
   * @throws WebhookConfigInvalidException naming every missing part
   */
  public WebhookIntake(Parts parts) {
    this(parts, DEFAULT_PUBLISH_BUDGET, null);
  }

  /**
   * @param publishBudget how long to try publishing before parking
   * @param publishWindow how long publishing may go on after the answer ({@code null}: until the
   *     publish budget, i.e. not after it). Longer only pays where the delivery publishes in the
   *     background (a long-lived process): a publish still running at the answer then finishes
   *     there, its event answered {@code queued}, rather than being cut short and sent again later.
   * @throws WebhookConfigInvalidException naming every missing or invalid part
   */
  public WebhookIntake(Parts parts, Duration publishBudget, Duration publishWindow) {
    SettingProblems problems = new SettingProblems();
    problems.requireParts(parts);
    problems.check(
        SettingProblems.positive(publishBudget),
        "publishBudget must be a positive duration, e.g. PT3S");
    problems.check(
        publishWindow == null || SettingProblems.positive(publishWindow),
        "publishWindow must be a positive duration, e.g. PT20S");
    problems.throwIfAny(WebhookConfigInvalidException::new);
    this.parts = parts;
    this.undelivered =
        new UndeliveredWebhooks(
            parts.mapper(),
            parts.outbox(),
            parts.deadLetters(),
            parts.retrySchedule(),
            parts.clock());
    this.publishBudget = publishBudget;
    this.publishWindow = publishWindow == null ? publishBudget : publishWindow;
  }

  /** Answers one request; never throws for anything the request contains or a store does. */
  public WebhookResponse handle(WebhookRequest request) {
    WebhookReceipt receipt = parts.receiver().receive(request);
    if (!(receipt instanceof WebhookReceipt.Accepted accepted)) {
      return receipt.response();
    }
    Optional<Connection> found;
    try {
      // The lookup's read (a few milliseconds old) serves the toggle and health; a receiver whose
      // lookup read no stored connection makes the intake read it.
      found =
          accepted.connection() != null
              ? Optional.of(accepted.connection())
              : parts.connections().find(request.connectionId());
    } catch (RuntimeException e) {
      LOG.warn("webhook connection read failed connectionId={}", request.connectionId(), e);
      return Rejections.UNAVAILABLE.response();
    }
    if (found.isEmpty()
        || !found.get().id().equals(request.connectionId())
        || !found.get().tenantId().equals(accepted.failure().tenantId())) {
      return Rejections.NOT_FOUND.response(); // deleted since the lookup
    }
    Connection connection = found.get();
    if (!connection.enabled()) {
      return IntakeResponses.ignored(IntakeResponses.DISABLED);
    }
    return deliver(connection, accepted);
  }

  private WebhookResponse deliver(Connection connection, WebhookReceipt.Accepted received) {
    Deadline answerBy = Deadline.after(publishBudget, parts.clock());
    // The one hook before delivery; its time comes out of the answer's budget.
    WebhookReceipt.Accepted accepted = parts.enricher().enrich(connection, received, answerBy);
    Deadline publishDeadline =
        publishWindow.compareTo(publishBudget) > 0
            ? Deadline.after(publishWindow, parts.clock())
            : answerBy;
    DeliveryResult result;
    try {
      // The request's replay record rides in its event's claim (one conditional write).
      result =
          parts
              .delivery()
              .deliver(
                  connection,
                  List.of(accepted.failure()),
                  answerBy,
                  publishDeadline,
                  received.replay());
    } catch (ReplayRefusedException e) {
      LOG.debug(
          "webhook not authenticated connectionId={} platform={} reason=signature already used"
              + " (replay)",
          connection.id(),
          connection.source().platform().id());
      return Rejections.UNAUTHORIZED.response();
    } catch (RuntimeException e) {
      return deliveryFailed(connection, accepted.eventId(), e);
    }
    WebhookResponse response;
    if (result instanceof DeliveryResult.Published published) {
      response = IntakeResponses.published(accepted.eventId(), published);
    } else if (result instanceof DeliveryResult.Skipped skipped) {
      response = skipped(connection, accepted, skipped);
    } else {
      // Unavailable: the credentials could not be resolved now; the retry worker tries later.
      response = keep(connection, accepted, null);
    }
    LOG.debug(
        "webhook settled connectionId={} eventId={} result={} status={}",
        connection.id(),
        accepted.eventId(),
        result.getClass().getSimpleName(),
        response.status());
    return response;
  }

  private WebhookResponse skipped(
      Connection connection, WebhookReceipt.Accepted accepted, DeliveryResult.Skipped skipped) {
    if (skipped.state() == HealthState.PAUSED) {
      return IntakeResponses.ignored(IntakeResponses.DISABLED); // switched off just now
    }
    // Suspended: the destination refuses Errorbridge until its owner fixes it. Kept as a dead
    // letter, the failure can be replayed then; the platform retrying would not help.
    return keep(
        connection,
        accepted,
        "Not sent: the connection is suspended ("
            + connection.health().reason()
            + "). Replay it once the connection is fixed and enabled again");
  }

  /** Parks for retry ({@code deadLetterWhy == null}) or among the dead letters. */
  private WebhookResponse keep(
      Connection connection, WebhookReceipt.Accepted accepted, String deadLetterWhy) {
    FailedExecution failure = accepted.failure();
    UndeliveredWebhooks.Settled settled;
    try {
      settled =
          deadLetterWhy == null
              ? undelivered.queue(connection, failure)
              : undelivered.deadLetter(connection, failure, deadLetterWhy);
    } catch (RuntimeException e) {
      LOG.warn(
          "webhook event could not be kept connectionId={} eventId={}",
          connection.id(),
          accepted.eventId(),
          e);
      return Rejections.UNAVAILABLE.response();
    }
    return switch (settled) {
      case QUEUED -> IntakeResponses.queued(accepted.eventId());
      case DEAD_LETTERED -> IntakeResponses.deadLettered(accepted.eventId());
      case DUPLICATE -> IntakeResponses.duplicate(accepted.eventId());
    };
  }

  private WebhookResponse deliveryFailed(
      Connection connection, String eventId, RuntimeException failure) {
    // The claim failed or something broke after it. If the event is claimed, its state says what
    // became of it (in the outbox, it will be delivered); a 5xx then would only make the platform
    // send it again.
    try {
      Optional<Outbox.DeliveryState> state =
          parts.outbox().stateOf(eventId, parts.clock().instant());
      if (state.isPresent()) {
        LOG.warn(
            "webhook delivery failed after the event was claimed connectionId={} eventId={}: {}",
            connection.id(),
            eventId,
            failure.getMessage());
        return switch (state.get()) {
          case DELIVERED -> IntakeResponses.duplicate(eventId);
          case PENDING -> IntakeResponses.queued(eventId);
          case DEAD_LETTERED -> IntakeResponses.deadLettered(eventId);
        };
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    LOG.warn(
        "webhook delivery failed connectionId={} eventId={}", connection.id(), eventId, failure);
    return Rejections.UNAVAILABLE.response();
  }
}

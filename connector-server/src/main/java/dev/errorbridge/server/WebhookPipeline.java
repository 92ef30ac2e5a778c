package dev.errorbridge.server;

import dev.errorbridge.connector.FailurePublisher;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.retry.DeadLetterReplayer;
import dev.errorbridge.connector.retry.DrainReport;
import dev.errorbridge.connector.retry.ParkedEventDrainer;
import dev.errorbridge.connector.retry.ProgressListener;
import dev.errorbridge.connector.retry.RetryRoutingDeadLetterStore;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.store.DynamoDbStores;
import dev.errorbridge.connector.webhook.StoreWebhookConnections;
import dev.errorbridge.connector.webhook.WebhookIntake;
import dev.errorbridge.connector.webhook.WebhookReceiver;
import dev.errorbridge.connector.webhook.WebhookReceiverConfig;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook path and its retry engine on top of {@link ConnectorComponents}: the intake publishes
 * through its own publisher, which parks transient failures in the retry store (through a {@link
 * RetryRoutingDeadLetterStore}) instead of among the dead letters as the poll path's publisher
 * does; the drainer sends parked events again when due, and the replayer sends dead letters again
 * on request. Both use the same publisher, as {@link ParkedEventDrainer} requires.
 */
final class WebhookPipeline implements AutoCloseable {
  /** Parked events one drain run takes at most. */
  static final int DRAIN_BATCH = 200;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookPipeline.class);

  private final DefaultEventPublisher publisher;
  private final WebhookIntake intake;
  private final ParkedEventDrainer drainer;
  private final DeadLetterReplayer replayer;
  private final Clock clock;

  WebhookPipeline(ConnectorComponents components, int maxBodyBytes, Clock clock) {
    this.clock = clock;
    DynamoDbStores stores = components.stores();
    RetrySchedule schedule = RetrySchedule.defaults();
    RetryRoutingDeadLetterStore parking =
        new RetryRoutingDeadLetterStore(
            stores.deadLetters(), stores.parkedEvents(), schedule, clock);
    this.publisher =
        new DefaultEventPublisher(PublisherConfig.builder().clock(clock).build(), parking);
    ConnectionDelivery delivery =
        new ConnectionDelivery(
            components.destinations(),
            new FailurePublisher(new DefaultFailedExecutionMapper(), publisher, parking, clock),
            components.health(),
            stores.dedup(),
            DeliveryPolicy.defaults(),
            clock);
    WebhookReceiver receiver =
        new WebhookReceiver(
            new StoreWebhookConnections(components.connections(), components.cipher()),
            stores.replayGuard(),
            WebhookReceiverConfig.builder().maxBodyBytes(maxBodyBytes).clock(clock).build());
    this.intake =
        WebhookIntake.builder()
            .receiver(receiver)
            .connections(components.connections())
            .delivery(delivery)
            .parkedEvents(stores.parkedEvents())
            .deadLetters(stores.deadLetters())
            .dedup(stores.dedup())
            .retrySchedule(schedule)
            .clock(clock)
            .build();
    this.drainer =
        new ParkedEventDrainer(
            stores.parkedEvents(),
            components.connections(),
            components.destinations(),
            publisher,
            stores.deadLetters(),
            components.health(),
            schedule,
            clock);
    this.replayer =
        new DeadLetterReplayer(
            components.connections(),
            stores.deadLetters(),
            stores.parkedEvents(),
            components.destinations(),
            publisher,
            components.health(),
            stores.audit(),
            clock);
  }

  WebhookIntake intake() {
    return intake;
  }

  DeadLetterReplayer replayer() {
    return replayer;
  }

  /** One retry-drain run: the due parked events, within {@code budget}. */
  void drainOnce(Duration budget) {
    DrainReport report =
        drainer.drain(
            clock.instant(), DRAIN_BATCH, Deadline.after(budget, clock), ProgressListener.NONE);
    if (report.due() > 0) {
      LOG.info(
          "retry drain due={} delivered={} rescheduled={} deadLettered={} skipped={}"
              + " leftForLater={}",
          report.due(),
          report.delivered(),
          report.rescheduled(),
          report.deadLettered(),
          report.skipped(),
          report.leftForLater());
    }
  }

  @Override
  public void close() {
    publisher.close();
  }
}

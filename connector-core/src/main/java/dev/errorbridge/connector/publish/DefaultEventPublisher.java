package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.time.Deadline;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The publisher: batches by count and size (with {@code PutEvents}, or with {@code
 * PutPartnerEvents} for a partner event source destination: see {@link Destination#api()}), sends
 * up to {@code maxConcurrentRequests} batches at once, retries only the failed, retryable entries
 * under one resilience4j policy (exponential backoff with jitter, bounded by the caller's deadline;
 * the SDK's own retries are off), and parks everything it cannot deliver.
 *
 * <pre>{@code
 * try (EventPublisher publisher = new DefaultEventPublisher(PublisherConfig.defaults(), deadLetters)) {
 *   PublishReport report = publisher.publish(destination, mappedEvents, Deadline.after(ofSeconds(20), clock));
 * }
 * }</pre>
 */
public final class DefaultEventPublisher implements EventPublisher {
  private static final EventSink PUT_EVENTS = new PutEventsSink();
  private static final EventSink PUT_PARTNER_EVENTS = new PutPartnerEventsSink();

  private final EntryBatcher batcher;
  private final EntryBatcher partnerBatcher;
  private final BatchSender sender;
  private final DestinationResources destinations;
  private final ExecutorService batchThreads;

  public DefaultEventPublisher(PublisherConfig config, DeadLetterStore deadLetters) {
    this(
        config, deadLetters, new DefaultEventBridgeClientFactory(), new PutEventsErrorClassifier());
  }

  public DefaultEventPublisher(
      PublisherConfig config,
      DeadLetterStore deadLetters,
      EventBridgeClientFactory clients,
      PutEventsErrorClassifier classifier) {
    this.batcher = new EntryBatcher(PUT_EVENTS.maxEntries(config), config.maxRequestBytes());
    this.partnerBatcher =
        new EntryBatcher(PUT_PARTNER_EVENTS.maxEntries(config), config.maxRequestBytes());
    this.sender = new BatchSender(config, classifier, deadLetters, retry(config, classifier));
    this.destinations = new DestinationResources(clients, config);
    AtomicInteger threadNumber = new AtomicInteger();
    this.batchThreads =
        Executors.newFixedThreadPool(
            config.maxConcurrentRequests(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "errorbridge-publish-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  private static Retry retry(PublisherConfig config, PutEventsErrorClassifier classifier) {
    RetryConfig retryConfig =
        RetryConfig.<List<Integer>>custom()
            .maxAttempts(config.maxAttempts())
            .intervalFunction(config.backoff().intervals())
            .retryOnResult(pending -> !pending.isEmpty())
            .retryOnException(failure -> classifier.classifyRequest(failure) == ErrorClass.RETRY)
            .failAfterMaxAttempts(false)
            .build();
    return Retry.of("eventbridge-put-events", retryConfig);
  }

  @Override
  public PublishReport publish(
      Destination destination, List<MappedEvent> events, Deadline deadline) {
    try (DestinationResources.Lease lease = destinations.forDestination(destination)) {
      return publish(destination, lease.resources(), events, deadline);
    }
  }

  private PublishReport publish(
      Destination destination,
      DestinationResources.Resources resources,
      List<MappedEvent> events,
      Deadline deadline) {
    PublishOutcome[] outcomes = new PublishOutcome[events.size()];
    boolean partner = destination.api() == Destination.Api.PUT_PARTNER_EVENTS;
    EventSink sink = partner ? PUT_PARTNER_EVENTS : PUT_EVENTS;
    BatchSender.Call call =
        new BatchSender.Call(
            sink,
            destination,
            resources,
            events,
            deadline,
            outcomes,
            new AtomicInteger(),
            new AtomicInteger(),
            new AtomicReference<>());
    List<List<Integer>> batches =
        (partner ? partnerBatcher : batcher).batch(events, e -> sink.sizeOf(e, destination));
    if (batches.size() == 1) {
      sender.send(call, batches.get(0));
    } else {
      sendConcurrently(call, batches);
    }
    if (Arrays.stream(outcomes).anyMatch(o -> o == null)) {
      throw new IllegalStateException("a publish left events without an outcome; this is a bug");
    }
    return new PublishReport(
        Arrays.asList(outcomes),
        call.requests().get(),
        call.entriesSent().get(),
        call.destinationError().get());
  }

  private void sendConcurrently(BatchSender.Call call, List<List<Integer>> batches) {
    List<Future<?>> running = new ArrayList<>(batches.size());
    for (List<Integer> batch : batches) {
      running.add(batchThreads.submit(() -> sender.send(call, batch)));
    }
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing; events may be unsettled", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  @Override
  public void invalidate(String connectionId) {
    destinations.invalidate(connectionId);
  }

  @Override
  public void close() {
    batchThreads.shutdownNow();
    destinations.close();
  }
}

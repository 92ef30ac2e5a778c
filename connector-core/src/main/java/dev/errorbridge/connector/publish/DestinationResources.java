package dev.errorbridge.connector.publish;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What the publisher keeps per connection across calls: the SDK client (built once, not per call),
 * the circuit breaker and the rate limiter. A connection whose region, endpoint or credentials
 * provider changed gets fresh ones; {@link #invalidate} drops them when its settings change.
 */
final class DestinationResources implements AutoCloseable {

  /** One connection's resources. */
  record Resources(
      Destination destination,
      EventBridgeClient client,
      CircuitBreaker breaker,
      RateLimiter limiter) {

    boolean servesSame(Destination other) {
      return destination.region().equals(other.region())
          && destination.credentials() == other.credentials()
          && java.util.Objects.equals(destination.endpointOverride(), other.endpointOverride());
    }
  }

  private final EventBridgeClientFactory clients;
  private final PublisherConfig config;
  private final Map<String, Resources> byConnection = new ConcurrentHashMap<>();

  DestinationResources(EventBridgeClientFactory clients, PublisherConfig config) {
    this.clients = clients;
    this.config = config;
  }

  Resources forDestination(Destination destination) {
    return byConnection.compute(
        destination.connectionId(),
        (id, existing) -> {
          if (existing != null && existing.servesSame(destination)) {
            return existing;
          }
          if (existing != null) {
            existing.client().close();
          }
          return create(destination);
        });
  }

  void invalidate(String connectionId) {
    Resources removed = byConnection.remove(connectionId);
    if (removed != null) {
      removed.client().close();
    }
  }

  private Resources create(Destination destination) {
    CircuitBreaker breaker =
        CircuitBreaker.of("eventbridge-" + destination.connectionId(), config.circuitBreaker());
    RateLimiter limiter =
        RateLimiter.of(
            "eventbridge-" + destination.connectionId(),
            RateLimiterConfig.custom()
                .limitForPeriod(config.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                // How far ahead a permit may be reserved; the sender still refuses to wait past its
                // deadline.
                .timeoutDuration(Duration.ofSeconds(30))
                .build());
    return new Resources(destination, clients.create(destination), breaker, limiter);
  }

  @Override
  public void close() {
    byConnection.values().forEach(r -> r.client().close());
    byConnection.clear();
  }
}

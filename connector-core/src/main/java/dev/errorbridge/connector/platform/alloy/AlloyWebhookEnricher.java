package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.cache.ConnectionCache;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.platform.SourceConnectionReader;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives Alloy error webhooks the poller's view of their execution when the connection also has
 * Alloy API credentials. The webhook names the run by its 21-character {@code executionUuid}, the
 * poller by the 24-hex {@code executionId}, and the event id comes from the execution id: without
 * this, a failure that arrives both ways is published twice. An {@link AlloyExecutionResolver}
 * finds the execution in {@code GET /logs}; its failure (workflow, failing blocks, times, raw
 * payload) is delivered with the webhook's own delivery (path {@code WEBHOOK}, detected when the
 * request arrived), so a later poll of it is a duplicate.
 *
 * <p>The lookup gets {@link #DEFAULT_BUDGET} (configurable), and never more than half of what the
 * publish deadline leaves, so publishing always keeps time. Whatever goes wrong, the webhook's own
 * failure is delivered and the webhook is answered as before: the connection has no API key
 * (webhook-only: no request at all), the execution is not among Alloy's newest errors (debug log),
 * Alloy refuses the key, is down, answers malformed or too late, or the key cannot be decrypted
 * (warn log, without the key or the payload).
 *
 * <p>Resolvers are built once per connection and settings version (one decryption) and shared by
 * concurrent webhooks, which the stateless {@link DefaultAlloyExecutionResolver} allows.
 * Thread-safe.
 */
public final class AlloyWebhookEnricher implements WebhookEnricher {
  /** How long a webhook may wait for Alloy's API. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(AlloyWebhookEnricher.class);

  /** A 24-hex ObjectId: already the id the poller keys a run by. */
  private static final Pattern EXECUTION_ID = Pattern.compile("[0-9a-fA-F]{24}");

  private final SourceConnectionReader settings;
  private final Function<SourceConnection, AlloyExecutionResolver> resolvers;
  private final Duration budget;
  private final Clock clock;

  /** Bounded; a connection not seen for an hour is built again (one decryption) when it is. */
  private final ConnectionCache<Built> built = new ConnectionCache<>(Duration.ofHours(1));

  /** A connection's resolver and the settings it was built from. */
  private record Built(long version, Instant updatedAt, AlloyExecutionResolver resolver) {
    boolean current(Connection connection) {
      return version == connection.version() && updatedAt.equals(connection.updatedAt());
    }
  }

  /**
   * @param settings reads a connection's Alloy settings and decrypts its API key
   * @param resolvers builds the resolver of a connection's settings
   * @param budget how long one webhook may wait for Alloy; positive
   * @param clock the clock of the deadlines
   */
  public AlloyWebhookEnricher(
      SourceConnectionReader settings,
      Function<SourceConnection, AlloyExecutionResolver> resolvers,
      Duration budget,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.resolvers = Objects.requireNonNull(resolvers, "resolvers");
    if (budget == null || budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be a positive duration, e.g. PT1S");
    }
    this.budget = budget;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * With {@link DefaultAlloyExecutionResolver}s sending through the client {@code http} gives on
   * the first lookup (it must not follow redirects: they would resend the key), so that building
   * the object graph, e.g. in a Lambda's init phase, opens nothing.
   */
  public static AlloyWebhookEnricher create(
      SourceConnectionReader settings, Supplier<HttpClient> http, Duration budget, Clock clock) {
    return new AlloyWebhookEnricher(
        settings,
        connection -> new DefaultAlloyExecutionResolver(connection, http.get(), clock),
        budget,
        clock);
  }

  @Override
  public WebhookReceipt.Accepted enrich(
      Connection connection, WebhookReceipt.Accepted accepted, Deadline deadline) {
    String executionId = accepted.failure().execution().id();
    if (connection.source().platform() != Platform.ALLOY
        || connection.source().apiKey() == null
        || EXECUTION_ID.matcher(executionId).matches()) {
      return accepted;
    }
    try {
      Optional<FailedExecution> resolved =
          resolver(connection)
              .resolve(executionId, accepted.failure().delivery(), within(deadline));
      if (resolved.isEmpty()) {
        LOG.debug(
            "alloy webhook not enriched connectionId={} executionUuid={}: not among the newest"
                + " errors",
            connection.id(),
            executionId);
        return accepted;
      }
      LOG.debug(
          "alloy webhook enriched connectionId={} executionUuid={} executionId={}",
          connection.id(),
          executionId,
          resolved.get().execution().id());
      return new WebhookReceipt.Accepted(resolved.get());
    } catch (RuntimeException e) {
      // Source and cipher exceptions never carry the key; the webhook is delivered as it came.
      LOG.warn(
          "alloy webhook not enriched, delivering it as received connectionId={}"
              + " executionUuid={}: {}",
          connection.id(),
          executionId,
          e.toString());
      return accepted;
    }
  }

  /** The lookup's deadline: the budget, or half of what publishing has left if that is less. */
  private Deadline within(Deadline publish) {
    Duration half = publish.remaining(clock).dividedBy(2);
    Duration allowed = budget.compareTo(half) < 0 ? budget : half;
    return Deadline.after(allowed.isNegative() ? Duration.ZERO : allowed, clock);
  }

  private AlloyExecutionResolver resolver(Connection connection) {
    Built current = built.get(connection.id());
    if (current == null || !current.current(connection)) {
      // Two first webhooks at once may both build one; the last stored is kept, both work.
      current =
          new Built(
              connection.version(),
              connection.updatedAt(),
              resolvers.apply(settings.of(connection)));
      built.put(connection.id(), current);
    }
    return current.resolver();
  }
}

package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.time.Deadline;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AlloyExecutionResolver} over {@code GET /logs}: {@code data.executionUuid} is not a filter
 * column Alloy lists, so it reads the newest {@code executionError} notifications ({@code
 * sortOrder=desc}, the connection's {@code associatedUserId}), at most {@value #MAX_PAGES} pages of
 * at most {@value #PAGE_SIZE}, matches the uuid itself, then reads {@code GET /logs/{executionId}}
 * and builds the failure the way {@link AlloyFailureSource} does.
 *
 * <p>Newest first is the right order for one recent execution, though not stable under paging: an
 * error written between two pages shifts the second by one row, which can only repeat a row, not
 * skip one. A webhook that arrives before Alloy has written its notification is not found. Alloy
 * documents no maximum page size; a connection whose {@code pageSize} is smaller is honoured.
 *
 * <p>Thread-safe: it keeps no state between calls, so one instance serves concurrent webhooks.
 */
public final class DefaultAlloyExecutionResolver implements AlloyExecutionResolver {
  /** Rows per page: the webhook is about a failure that has just happened. */
  public static final int PAGE_SIZE = 25;

  /** Pages read before giving up on an execution. */
  public static final int MAX_PAGES = 2;

  private final AlloyLogs logs;

  /**
   * @param connection the Alloy connection, with its decrypted API key
   * @param http the client to send through (it must not follow redirects: they would resend the
   *     key)
   * @param clock the clock of the deadline
   */
  public DefaultAlloyExecutionResolver(SourceConnection connection, HttpClient http, Clock clock) {
    this.logs =
        AlloyLogs.of(
            Objects.requireNonNull(connection, "connection"),
            Objects.requireNonNull(http, "http"),
            Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public Optional<FailedExecution> resolve(
      String executionUuid, FailedExecution.Delivery delivery, Deadline deadline) {
    Objects.requireNonNull(executionUuid, "executionUuid");
    Objects.requireNonNull(delivery, "delivery");
    int limit = Math.min(PAGE_SIZE, logs.options().pageSize());
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonFields body =
          logs.page(AlloyLogQuery.newest(logs.options(), page * limit, limit), deadline);
      List<JsonFields> rows = body.requiredArray("notifications");
      for (JsonFields row : rows) {
        if (AlloyLogs.isError(row) && executionUuid.equals(uuid(row))) {
          FailedExecution polled = logs.failure(row, AlloyLogs.executionId(row), deadline);
          return Optional.of(delivered(polled, delivery));
        }
      }
      JsonFields pagination = body.object("pagination");
      Long total = pagination == null ? null : pagination.longValue("totalItems");
      if (rows.size() < limit || (total != null && (page + 1L) * limit >= total)) {
        break; // no further page
      }
    }
    return Optional.empty();
  }

  private static String uuid(JsonFields note) {
    JsonFields data = note.object("data");
    return data == null ? null : data.text("executionUuid");
  }

  /** The poller's failure, but as the webhook delivered it. */
  private static FailedExecution delivered(
      FailedExecution failure, FailedExecution.Delivery delivery) {
    return new FailedExecution(
        failure.platform(),
        failure.tenantId(),
        failure.connectionId(),
        failure.workflow(),
        failure.execution(),
        failure.error(),
        failure.failedSteps(),
        delivery,
        failure.rawPayload());
  }
}

package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.time.Deadline;
import java.util.List;
import java.util.Set;

/**
 * Where the poll engine hands each page of failures: in production {@link
 * ConnectionDelivery#deliver}, the one path from failures to a bus (toggle, filters, dedup by event
 * id, publish or park, health). A seam so that tests can observe or interrupt a cycle between
 * pages.
 */
@FunctionalInterface
public interface FailureDelivery {

  /**
   * Delivers one page; see {@link ConnectionDelivery#deliver}.
   *
   * @return {@link DeliveryResult#settled()} says whether a checkpoint may move past the page
   */
  DeliveryResult deliver(Connection connection, List<FailedExecution> failures, Deadline deadline);

  /**
   * The execution ids among {@code executionIds} (a list page's failures, before their details are
   * read) that {@code connection} published already; see {@link ConnectionDelivery#published}. The
   * default knows none, so every failure is read and handed to {@link #deliver}, which dedups it.
   */
  default Set<String> published(Connection connection, List<String> executionIds) {
    return Set.of();
  }

  /** The delivery of {@code delivery}. */
  static FailureDelivery of(ConnectionDelivery delivery) {
    return new FailureDelivery() {
      @Override
      public DeliveryResult deliver(
          Connection connection, List<FailedExecution> failures, Deadline deadline) {
        return delivery.deliver(connection, failures, deadline);
      }

      @Override
      public Set<String> published(Connection connection, List<String> executionIds) {
        return delivery.published(connection, executionIds);
      }
    };
  }
}

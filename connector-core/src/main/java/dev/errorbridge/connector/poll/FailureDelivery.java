package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.publish.Deadline;
import java.util.List;

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

  /** The delivery of {@code delivery}. */
  static FailureDelivery of(ConnectionDelivery delivery) {
    return delivery::deliver;
  }
}

package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.publish.PublishReport;
import java.util.Set;

/**
 * What {@link ConnectionDelivery} records once a batch is settled (delivered or parked): the short
 * claims become the long dedup records, and the connection's health moves (delivery counters, a
 * destination failure streak). The events are on the bus or parked by then, so nothing here may
 * make the caller believe otherwise: implementations log their own failures and never throw.
 */
public interface DeliveryBookkeeping {

  /**
   * Records a settled batch.
   *
   * @param connection the connection as the delivery read it
   * @param claimed the event ids claimed for the batch
   * @param report what the publisher did with them
   */
  void settled(Connection connection, Set<String> claimed, PublishReport report);
}

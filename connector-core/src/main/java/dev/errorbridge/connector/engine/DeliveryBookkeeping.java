package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.publish.PublishReport;

/**
 * What {@link ConnectionDelivery} records once a batch is published: the outcomes settle their
 * outbox entries (delivered and dead-lettered ones leave the outbox and count on the connection, in
 * one write; retryable ones come due later), and the connection's health moves (a destination
 * failure streak, a recovery). The events are on the bus or parked by then, so nothing here may
 * make the caller believe otherwise: implementations log their own failures and never throw. What
 * is not settled stays in the outbox and is sent again by the retry drain, with the same event id.
 */
public interface DeliveryBookkeeping {

  /**
   * Records a published batch.
   *
   * @param connection the connection as the delivery read it
   * @param report what the publisher did with the events this delivery claimed
   */
  void settled(Connection connection, PublishReport report);
}

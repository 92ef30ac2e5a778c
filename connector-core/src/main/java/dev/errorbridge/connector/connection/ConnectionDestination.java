package dev.errorbridge.connector.connection;

import java.util.Objects;

/**
 * Where a connection publishes: the customer's event bus and how to sign for it.
 *
 * @param region the bus's AWS region, e.g. {@code eu-west-1}
 * @param eventBus the bus name or ARN
 * @param auth how Errorbridge signs its calls
 */
public record ConnectionDestination(String region, String eventBus, DestinationAuth auth) {
  public ConnectionDestination {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(eventBus, "eventBus");
    Objects.requireNonNull(auth, "auth");
  }
}

package dev.errorbridge.connector.publish;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Builds the EventBridge client for a destination; the publisher caches one per connection. */
@FunctionalInterface
public interface EventBridgeClientFactory {
  EventBridgeClient create(Destination destination);
}

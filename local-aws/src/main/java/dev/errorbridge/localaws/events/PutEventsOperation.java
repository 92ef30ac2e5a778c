package dev.errorbridge.localaws.events;

import static dev.errorbridge.localaws.events.EventEntries.invalid;
import static dev.errorbridge.localaws.events.EventEntries.requiredText;
import static dev.errorbridge.localaws.events.EventEntries.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.MissingBusPolicy;
import dev.errorbridge.localaws.events.EventEntries.EntryRejected;
import dev.errorbridge.localaws.fault.FaultInjector;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;

/**
 * {@code PutEvents} with EventBridge's validation: 1–10 entries, the documented size formula
 * against the configured limit, per-entry checks answered as per-entry {@code ErrorCode}s in
 * request order, and delivery of each accepted entry's envelope to the targets of every matching
 * rule.
 */
final class PutEventsOperation {
  static final int MAX_ENTRIES = 10;
  static final int MAX_SOURCE_CHARS = 256;

  private final EventBusStore buses;
  private final TargetDeliveries deliveries;
  private final FaultInjector faults;
  private final long maxEntrySizeBytes;
  private final MissingBusPolicy missingBusPolicy;

  PutEventsOperation(
      EventBusStore buses,
      TargetDeliveries deliveries,
      FaultInjector faults,
      long maxEntrySizeBytes,
      MissingBusPolicy missingBusPolicy) {
    this.buses = buses;
    this.deliveries = deliveries;
    this.faults = faults;
    this.maxEntrySizeBytes = maxEntrySizeBytes;
    this.missingBusPolicy = missingBusPolicy;
  }

  ObjectNode putEvents(ObjectNode request, RequestContext context) {
    JsonNode entries = EventEntries.entries(request, MAX_ENTRIES, maxEntrySizeBytes);
    return EventEntries.respond(
        entries, faults.takeEntryFaults("PutEvents"), entry -> accept(entry, context));
  }

  private String accept(JsonNode entry, RequestContext context) {
    if (!entry.isObject()) {
      throw new EntryRejected("InvalidArgument", "Entry must be an object.");
    }
    String source = requiredText(entry, "Source");
    String detailType = requiredText(entry, "DetailType");
    String detailText = requiredText(entry, "Detail");
    if (source.length() > MAX_SOURCE_CHARS) {
      throw invalid("Source", "Source exceeds the maximum length of " + MAX_SOURCE_CHARS + ".");
    }
    if (detailType.length() > EventEntries.MAX_DETAIL_TYPE_CHARS) {
      throw invalid(
          "DetailType",
          "DetailType exceeds the maximum length of " + EventEntries.MAX_DETAIL_TYPE_CHARS + ".");
    }
    if (source.startsWith("aws.")) {
      throw new EntryRejected("NotAuthorizedForSourceException", "Not authorized for the source.");
    }
    EventBus bus = bus(entry, context);
    String eventId = EventEntries.eventId();
    EventEntries.deliver(
        entry,
        eventId,
        source,
        detailType,
        detailText,
        bus,
        context.accountId(),
        context.region(),
        context.receivedAt(),
        deliveries);
    return eventId;
  }

  private EventBus bus(JsonNode entry, RequestContext context) {
    EventBusStore.BusReference ref;
    try {
      ref = buses.reference(text(entry, "EventBusName"), context);
    } catch (AwsServiceException e) {
      throw new EntryRejected(e.errorType(), e.getMessage());
    }
    EventBus bus = buses.find(ref);
    if (bus == null && missingBusPolicy == MissingBusPolicy.REJECT) {
      throw new EntryRejected(
          "ResourceNotFoundException", "Event bus " + ref.name() + " does not exist.");
    }
    return bus;
  }
}

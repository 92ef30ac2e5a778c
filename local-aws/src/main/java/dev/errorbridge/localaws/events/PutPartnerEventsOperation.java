package dev.errorbridge.localaws.events;

import static dev.errorbridge.localaws.events.EventEntries.invalid;
import static dev.errorbridge.localaws.events.EventEntries.requiredText;
import static dev.errorbridge.localaws.events.EventEntries.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.events.EventEntries.EntryRejected;
import dev.errorbridge.localaws.events.PartnerEventSource.State;
import dev.errorbridge.localaws.fault.FaultInjector;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;

/**
 * {@code PutPartnerEvents}: a partner publishes with its own credentials to the customer's partner
 * event bus, naming the partner event source as each entry's {@code Source} (there is no {@code
 * EventBusName}).
 *
 * <ul>
 *   <li>1–20 entries: "Array Members: Minimum number of 1 item. Maximum number of 20 items."
 *       (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPartnerEvents.html);
 *       the size limit is PutEvents' formula and limit, to which that page refers.
 *   <li>"If you submit a request in which none of the entries have each of these properties,
 *       EventBridge fails the entire request."
 *       (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPartnerEventsRequestEntry.html):
 *       {@code ValidationException} (the page names no error code). An entry that lacks one of them
 *       fails on its own with {@code InvalidArgument}, as in PutEvents.
 *   <li>ACTIVE source: the entry is delivered to the customer's bus, with the customer's account in
 *       the envelope, and matched by that bus's rules.
 *   <li>PENDING source (never associated, its bus deleted, or deactivated): an {@code EventId} and
 *       nothing delivered. "Any events published by a partner to a partner event source that has
 *       not been associated with an event bus will be immediately dropped. Those events will not be
 *       persisted at rest in EventBridge."
 *       (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-saas.html) and, for a customer
 *       who deleted the bus, "The event source will accept events sent by a SaaS partner system
 *       when calling PutPartnerEvents, but does not deliver them to customer."
 *       (https://docs.aws.amazon.com/eventbridge/latest/onboarding/AWS_EventBridge_Partner_Onboarding_FAQ.html)
 *   <li>A source the caller has not got (never created, deleted by the partner, expired, or another
 *       partner's): the entry fails with {@code NotAuthorizedForSourceException}, "You do not have
 *       permissions to publish events with this source onto this event bus."
 *       (API_PutEventsResultEntry). AWS documents no PutPartnerEvents answer for a deleted source;
 *       this is local-aws's reading, and a connector should learn a source's state from
 *       ListPartnerEventSourceAccounts rather than from this error.
 * </ul>
 */
final class PutPartnerEventsOperation {
  static final int MAX_ENTRIES = 20;

  private final PartnerEventSources sources;
  private final TargetDeliveries deliveries;
  private final FaultInjector faults;
  private final long maxEntrySizeBytes;

  PutPartnerEventsOperation(
      PartnerEventSources sources,
      TargetDeliveries deliveries,
      FaultInjector faults,
      long maxEntrySizeBytes) {
    this.sources = sources;
    this.deliveries = deliveries;
    this.faults = faults;
    this.maxEntrySizeBytes = maxEntrySizeBytes;
  }

  ObjectNode putPartnerEvents(ObjectNode request, RequestContext context) {
    JsonNode entries = EventEntries.entries(request, MAX_ENTRIES, maxEntrySizeBytes);
    if (!anyComplete(entries)) {
      throw AwsServiceException.validation(
          "No entry has all of Source, DetailType and Detail; at least one must.");
    }
    return EventEntries.respond(
        entries, faults.takeEntryFaults("PutPartnerEvents"), entry -> accept(entry, context));
  }

  private String accept(JsonNode entry, RequestContext context) {
    if (!entry.isObject()) {
      throw new EntryRejected("InvalidArgument", "Entry must be an object.");
    }
    String source = requiredText(entry, "Source");
    String detailType = requiredText(entry, "DetailType");
    String detailText = requiredText(entry, "Detail");
    if (detailType.length() > EventEntries.MAX_DETAIL_TYPE_CHARS) {
      throw invalid(
          "DetailType",
          "DetailType exceeds the maximum length of " + EventEntries.MAX_DETAIL_TYPE_CHARS + ".");
    }
    PartnerEventSource partnerSource = sources.publishable(source, context);
    if (partnerSource == null) {
      throw new EntryRejected(
          "NotAuthorizedForSourceException",
          "Not authorized for the source "
              + source
              + ": it is not a partner event source of"
              + " this account in "
              + context.region()
              + ".");
    }
    String eventId = EventEntries.eventId();
    EventBus bus = partnerSource.state() == State.ACTIVE ? sources.busOf(partnerSource) : null;
    // With no bus to deliver to (PENDING), the entry is still checked, then dropped.
    EventEntries.deliver(
        entry,
        eventId,
        source,
        detailType,
        detailText,
        bus,
        partnerSource.customerAccountId(),
        partnerSource.region(),
        context.receivedAt(),
        deliveries);
    return eventId;
  }

  private static boolean anyComplete(JsonNode entries) {
    for (JsonNode entry : entries) {
      if (entry.isObject()
          && text(entry, "Source") != null
          && text(entry, "DetailType") != null
          && text(entry, "Detail") != null) {
        return true;
      }
    }
    return false;
  }
}

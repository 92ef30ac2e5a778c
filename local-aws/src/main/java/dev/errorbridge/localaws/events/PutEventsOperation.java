package dev.errorbridge.localaws.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.MissingBusPolicy;
import dev.errorbridge.localaws.fault.FaultInjector;
import dev.errorbridge.localaws.fault.FaultInjector.EntryFault;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.Json;
import dev.errorbridge.localaws.internal.RequestContext;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code PutEvents} with EventBridge's validation: 1–10 entries, the documented size formula
 * against the configured limit, per-entry checks answered as per-entry {@code ErrorCode}s in
 * request order, and delivery of each accepted entry's envelope to the targets of every matching
 * rule.
 */
final class PutEventsOperation {
  static final int MAX_ENTRIES = 10;
  static final int MAX_SOURCE_CHARS = 256;
  static final int MAX_DETAIL_TYPE_CHARS = 128;

  private static final DateTimeFormatter ENVELOPE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

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

  /** An entry's failure, answered in its slot of the response. */
  private static final class EntryRejected extends RuntimeException {
    final String errorCode;

    EntryRejected(String errorCode, String message) {
      super(message, null, false, false);
      this.errorCode = errorCode;
    }
  }

  ObjectNode putEvents(ObjectNode request, RequestContext context) {
    JsonNode entries = request.get("Entries");
    if (entries == null
        || !entries.isArray()
        || entries.isEmpty()
        || entries.size() > MAX_ENTRIES) {
      int count = entries == null || !entries.isArray() ? 0 : entries.size();
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have"
              + " length between 1 and 10 (got "
              + count
              + ")");
    }
    long totalSize = 0;
    for (JsonNode entry : entries) {
      totalSize += EntrySize.of(entry);
    }
    if (totalSize > maxEntrySizeBytes) {
      throw new AwsServiceException(
          "RequestEntityTooLargeException",
          413,
          "Total size of the entries in the request is over the limit: "
              + totalSize
              + " bytes > "
              + maxEntrySizeBytes
              + " bytes.");
    }
    Map<Integer, EntryFault> injected = faults.takeEntryFaults("PutEvents");
    ArrayNode results = Json.array();
    int failed = 0;
    for (int i = 0; i < entries.size(); i++) {
      ObjectNode result = results.addObject();
      EntryFault fault = injected.get(i);
      try {
        if (fault != null) {
          throw new EntryRejected(fault.errorCode(), fault.errorMessage());
        }
        result.put("EventId", accept(entries.get(i), context));
      } catch (EntryRejected e) {
        failed++;
        result.put("ErrorCode", e.errorCode).put("ErrorMessage", e.getMessage());
      }
    }
    ObjectNode response = Json.object();
    response.put("FailedEntryCount", failed);
    response.set("Entries", results);
    return response;
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
    if (detailType.length() > MAX_DETAIL_TYPE_CHARS) {
      throw invalid(
          "DetailType", "DetailType exceeds the maximum length of " + MAX_DETAIL_TYPE_CHARS + ".");
    }
    if (source.startsWith("aws.")) {
      throw new EntryRejected("NotAuthorizedForSourceException", "Not authorized for the source.");
    }
    EventBus bus = bus(entry, context);
    String eventId = eventId();
    if (bus == null || !bus.hasEventRules()) {
      // Nothing can match: validate the detail without building it, and skip the envelope.
      checkDetail(detailText);
      return eventId;
    }
    JsonNode detail = parseDetail(detailText);
    ObjectNode envelope = envelope(eventId, entry, source, detailType, detail, bus, context);
    List<EventRule> matched = bus.matchingRules(envelope);
    if (!matched.isEmpty()) {
      String serialized = envelope.toString();
      for (EventRule rule : matched) {
        rule.targets().values().forEach(target -> deliveries.deliver(rule, target, serialized));
      }
    }
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

  private static ObjectNode envelope(
      String eventId,
      JsonNode entry,
      String source,
      String detailType,
      JsonNode detail,
      EventBus bus,
      RequestContext context) {
    ObjectNode envelope = Json.object();
    envelope.put("version", "0");
    envelope.put("id", eventId);
    envelope.put("detail-type", detailType);
    envelope.put("source", source);
    envelope.put("account", context.accountId());
    envelope.put("time", ENVELOPE_TIME.format(eventTime(entry, context)));
    envelope.put("region", context.region());
    ArrayNode resources = envelope.putArray("resources");
    JsonNode given = entry.get("Resources");
    if (given != null && given.isArray()) {
      given.forEach(resources::add);
    }
    envelope.set("detail", detail);
    return envelope;
  }

  private static Instant eventTime(JsonNode entry, RequestContext context) {
    JsonNode time = entry.get("Time");
    if (time == null || !time.isNumber()) {
      return context.receivedAt().truncatedTo(ChronoUnit.SECONDS);
    }
    return Instant.ofEpochMilli((long) (time.doubleValue() * 1000)).truncatedTo(ChronoUnit.SECONDS);
  }

  /** Checks that the detail is one well-formed JSON object, streaming through it without a tree. */
  private static void checkDetail(String detailText) {
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(detailText)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new EntryRejected("MalformedDetail", "Detail is malformed.");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new EntryRejected("MalformedDetail", "Detail is malformed.");
      }
    } catch (IOException e) {
      throw new EntryRejected("MalformedDetail", "Detail is malformed.");
    }
  }

  private static JsonNode parseDetail(String detailText) {
    try {
      JsonNode detail = Json.MAPPER.readTree(detailText);
      if (detail == null || !detail.isObject()) {
        throw new EntryRejected("MalformedDetail", "Detail is malformed.");
      }
      return detail;
    } catch (JsonProcessingException e) {
      throw new EntryRejected("MalformedDetail", "Detail is malformed.");
    }
  }

  private static String requiredText(JsonNode entry, String member) {
    String value = text(entry, member);
    if (value == null || value.isEmpty()) {
      throw invalid(member, member + " is a required argument.");
    }
    return value;
  }

  private static String text(JsonNode entry, String member) {
    JsonNode node = entry.get(member);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static EntryRejected invalid(String member, String reason) {
    return new EntryRejected(
        "InvalidArgument", "Parameter " + member + " is not valid. Reason: " + reason);
  }

  /**
   * A random (version 4) UUID without {@link UUID#randomUUID()}'s shared SecureRandom contention.
   */
  private static String eventId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }
}

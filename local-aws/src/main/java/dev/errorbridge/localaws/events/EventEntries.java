package dev.errorbridge.localaws.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.fault.FaultInjector.EntryFault;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.Json;
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
 * What {@code PutEvents} and {@code PutPartnerEvents} share: the entry count and size checks, the
 * per-entry checks answered as per-entry error codes, the envelope EventBridge delivers and its
 * delivery to the targets of every matching rule.
 */
final class EventEntries {
  static final int MAX_DETAIL_TYPE_CHARS = 128;

  private static final DateTimeFormatter ENVELOPE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private EventEntries() {}

  /** An entry's failure, answered in its slot of the response. */
  static final class EntryRejected extends RuntimeException {
    final String errorCode;

    EntryRejected(String errorCode, String message) {
      super(message, null, false, false);
      this.errorCode = errorCode;
    }
  }

  /** How one operation turns one entry into an event id, or rejects it. */
  @FunctionalInterface
  interface EntryHandler {
    String accept(JsonNode entry);
  }

  /**
   * The request's entries after the request-level checks: 1 to {@code maxEntries}, and their summed
   * documented size within {@code maxRequestBytes}.
   *
   * @throws AwsServiceException {@code ValidationException} or HTTP 413 {@code
   *     RequestEntityTooLargeException}
   */
  static JsonNode entries(ObjectNode request, int maxEntries, long maxRequestBytes) {
    JsonNode entries = request.get("Entries");
    if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > maxEntries) {
      int count = entries == null || !entries.isArray() ? 0 : entries.size();
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must"
              + " have length between 1 and "
              + maxEntries
              + " (got "
              + count
              + ")");
    }
    long totalSize = 0;
    for (JsonNode entry : entries) {
      totalSize += EntrySize.of(entry);
    }
    if (totalSize > maxRequestBytes) {
      throw new AwsServiceException(
          "RequestEntityTooLargeException",
          413,
          "Total size of the entries in the request is over the limit: "
              + totalSize
              + " bytes > "
              + maxRequestBytes
              + " bytes.");
    }
    return entries;
  }

  /**
   * Answers every entry in request order: an injected fault, else what {@code handler} makes of it,
   * as {@code EventId} or {@code ErrorCode} + {@code ErrorMessage}, with {@code FailedEntryCount}.
   */
  static ObjectNode respond(
      JsonNode entries, Map<Integer, EntryFault> faults, EntryHandler handler) {
    ArrayNode results = Json.array();
    int failed = 0;
    for (int i = 0; i < entries.size(); i++) {
      ObjectNode result = results.addObject();
      EntryFault fault = faults.get(i);
      try {
        if (fault != null) {
          throw new EntryRejected(fault.errorCode(), fault.errorMessage());
        }
        result.put("EventId", handler.accept(entries.get(i)));
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

  /**
   * Delivers the entry to every target of every matching enabled rule on {@code bus}; with no bus,
   * or no rule that could match, only checks that the detail is a JSON object.
   */
  static void deliver(
      JsonNode entry,
      String eventId,
      String source,
      String detailType,
      String detailText,
      EventBus bus,
      String accountId,
      String region,
      Instant receivedAt,
      TargetDeliveries deliveries) {
    if (bus == null || !bus.hasEventRules()) {
      // Nothing can match: validate the detail without building it, and skip the envelope.
      checkDetail(detailText);
      return;
    }
    JsonNode detail = parseDetail(detailText);
    ObjectNode envelope = Json.object();
    envelope.put("version", "0");
    envelope.put("id", eventId);
    envelope.put("detail-type", detailType);
    envelope.put("source", source);
    envelope.put("account", accountId);
    envelope.put("time", ENVELOPE_TIME.format(eventTime(entry, receivedAt)));
    envelope.put("region", region);
    ArrayNode resources = envelope.putArray("resources");
    JsonNode given = entry.get("Resources");
    if (given != null && given.isArray()) {
      given.forEach(resources::add);
    }
    envelope.set("detail", detail);
    List<EventRule> matched = bus.matchingRules(envelope);
    if (!matched.isEmpty()) {
      String serialized = envelope.toString();
      for (EventRule rule : matched) {
        rule.targets().values().forEach(target -> deliveries.deliver(rule, target, serialized));
      }
    }
  }

  private static Instant eventTime(JsonNode entry, Instant receivedAt) {
    JsonNode time = entry.get("Time");
    if (time == null || !time.isNumber()) {
      return receivedAt.truncatedTo(ChronoUnit.SECONDS);
    }
    return Instant.ofEpochMilli((long) (time.doubleValue() * 1000)).truncatedTo(ChronoUnit.SECONDS);
  }

  /** Checks that the detail is one well-formed JSON object, streaming through it without a tree. */
  static void checkDetail(String detailText) {
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

  static String requiredText(JsonNode entry, String member) {
    String value = text(entry, member);
    if (value == null || value.isEmpty()) {
      throw invalid(member, member + " is a required argument.");
    }
    return value;
  }

  static String text(JsonNode entry, String member) {
    JsonNode node = entry.get(member);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  static EntryRejected invalid(String member, String reason) {
    return new EntryRejected(
        "InvalidArgument", "Parameter " + member + " is not valid. Reason: " + reason);
  }

  /**
   * A random (version 4) UUID without {@link UUID#randomUUID()}'s shared SecureRandom contention.
   */
  static String eventId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }
}

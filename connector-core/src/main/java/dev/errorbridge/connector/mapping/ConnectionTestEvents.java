package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.SettingProblems;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Builds the event the settings API sends when a customer tests a connection: same {@code Source}
 * as the connection's failures, {@code DetailType} {@value #DETAIL_TYPE} (so it never matches a
 * failure rule by accident), no resources, and a detail (schema {@code
 * schema/connection-test-v1.schema.json}) of {@code schemaVersion}, {@code eventId} (random: every
 * test is a new event), {@code tenantId}, {@code connectionId}, {@code platform}, {@code test:
 * true} and {@code sentAt}.
 */
public final class ConnectionTestEvents {
  /** The {@code DetailType} of connection tests. */
  public static final String DETAIL_TYPE = "Errorbridge Connection Test";

  private final Clock clock;
  private final Supplier<UUID> ids;

  /** Stamps events with the system UTC clock. */
  public ConnectionTestEvents() {
    this(Clock.systemUTC());
  }

  /** Stamps events ({@code Time} and {@code sentAt}) with {@code clock}. */
  public ConnectionTestEvents(Clock clock) {
    this(clock, UUID::randomUUID);
  }

  ConnectionTestEvents(Clock clock, Supplier<UUID> ids) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /**
   * A test event for the connection.
   *
   * @throws ConnectionTestEventInvalidException when an argument is missing or blank
   * @throws EventTooLargeException when the ids alone exceed {@link
   *     MappingOptions#maxEntrySizeBytes()}
   */
  public MappedEvent create(
      String tenantId, String connectionId, Platform platform, MappingOptions options) {
    SettingProblems problems = new SettingProblems();
    problems.requireText(tenantId, "tenantId");
    problems.requireText(connectionId, "connectionId");
    problems.check(
        platform != null, "platform is required (alloy, dify, trigify, runflow or webhook)");
    problems.check(
        options != null, "options are required; use MappingOptions.defaults() for the defaults");
    problems.throwIfAny(ConnectionTestEventInvalidException::new);
    String eventId = ids.get().toString();
    Instant sentAt = clock.instant();
    String detail =
        Utf8.replaceUnpairedSurrogates(detail(eventId, tenantId, connectionId, platform, sentAt));
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .source(options.sourceNameFor(platform))
            .detailType(DETAIL_TYPE)
            .time(sentAt)
            .detail(detail)
            .build();
    long size = EntrySize.of(entry);
    if (size > options.maxEntrySizeBytes()) {
      throw new EventTooLargeException(eventId, size, options.maxEntrySizeBytes());
    }
    return new MappedEvent(eventId, entry, size, false);
  }

  private static String detail(
      String eventId, String tenantId, String connectionId, Platform platform, Instant sentAt) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("schemaVersion", DetailWriter.SCHEMA_VERSION_1);
      g.writeStringField("eventId", eventId);
      g.writeStringField("tenantId", tenantId);
      g.writeStringField("connectionId", connectionId);
      g.writeStringField("platform", platform.id());
      g.writeBooleanField("test", true);
      g.writeStringField("sentAt", Timestamps.format(sentAt));
      g.writeEndObject();
    } catch (IOException e) {
      // A StringWriter never fails; the generator only declares it.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}

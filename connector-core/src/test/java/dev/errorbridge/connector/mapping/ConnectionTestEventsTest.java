package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.Platform;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConnectionTestEventsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456Z");
  private static final UUID ID = UUID.fromString("0b9d6a3c-2f41-4e8a-9c7d-5e6f7a8b9c0d");

  private final ConnectionTestEvents events =
      new ConnectionTestEvents(Clock.fixed(NOW, ZoneOffset.UTC), () -> ID);

  @Test
  void create_whenValid_buildsTheTestEvent() {
    MappedEvent event =
        events.create("tnt_1", "conn_dify_42a9", Platform.DIFY, MappingOptions.defaults());

    JsonNode detail = EventChecks.checkEvent(event, EventChecks.CONNECTION_TEST_SCHEMA);
    assertThat(event.eventId()).isEqualTo(ID.toString());
    assertThat(event.truncated()).isFalse();
    assertThat(event.entry().source()).isEqualTo("errorbridge.dify");
    assertThat(event.entry().detailType()).isEqualTo("Errorbridge Connection Test");
    assertThat(event.entry().time()).isEqualTo(NOW);
    assertThat(event.entry().resources()).isEmpty();
    assertThat(detail)
        .isEqualTo(
            EventChecks.parseStrict(
                """
                {"schemaVersion":"1","eventId":"0b9d6a3c-2f41-4e8a-9c7d-5e6f7a8b9c0d",
                 "tenantId":"tnt_1","connectionId":"conn_dify_42a9","platform":"dify",
                 "test":true,"sentAt":"2026-11-23T10:15:30.123Z"}
                """));
  }

  @Test
  void create_whenCustomSource_usesIt() {
    MappingOptions options = MappingOptions.builder().sourceName("com.acme.workflows").build();

    MappedEvent event = events.create("t", "c", Platform.RUNFLOW, options);

    assertThat(event.entry().source()).isEqualTo("com.acme.workflows");
  }

  @Test
  void create_whenDefaultIds_givesRandomVersion4Uuids() {
    ConnectionTestEvents random = new ConnectionTestEvents();

    MappedEvent a = random.create("t", "c", Platform.ALLOY, MappingOptions.defaults());
    MappedEvent b = random.create("t", "c", Platform.ALLOY, MappingOptions.defaults());

    assertThat(a.eventId()).isNotEqualTo(b.eventId());
    assertThat(UUID.fromString(a.eventId()).version()).isEqualTo(4);
    EventChecks.checkEvent(a, EventChecks.CONNECTION_TEST_SCHEMA);
  }

  @Test
  void create_whenArgumentsMissing_listsEveryOne() {
    assertThatThrownBy(() -> events.create(" ", null, null, null))
        .isInstanceOfSatisfying(
            ConnectionTestEventInvalidException.class, e -> assertThat(e.problems()).hasSize(4))
        .hasMessageContaining("tenantId is required")
        .hasMessageContaining("connectionId is required")
        .hasMessageContaining("platform is required")
        .hasMessageContaining("MappingOptions.defaults()");
  }

  @Test
  void create_whenIdsExceedTheBudget_throwsEventTooLarge() {
    MappingOptions tiny = MappingOptions.builder().maxEntrySizeBytes(100).build();

    assertThatThrownBy(() -> events.create("t", "c", Platform.DIFY, tiny))
        .isInstanceOf(EventTooLargeException.class)
        .hasMessageContaining(ID.toString());
  }
}

package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFieldsTest {
  private static final Origin ORIGIN = new Origin(Platform.DIFY, "conn-1", "GET /workflows/logs");

  private final JsonFields body =
      parse(
          "{\"data\":[{\"workflow_run\":{\"id\":\"a\",\"n\":\"42\",\"t\":1770109352}},"
              + "{\"workflow_run\":{\"id\":\" \",\"n\":true,\"t\":\"soon\",\"o\":[1]}}],"
              + "\"map\":{\"x\":{\"error\":null},\"y\":null},\"nested\":\"x\"}");

  @Test
  void requiredText_whenBlankDeepInAnArray_namesTheFullPath() {
    JsonFields run = body.requiredArray("data").get(1).requiredObject("workflow_run");

    assertThatThrownBy(() -> run.requiredText("id"))
        .isInstanceOfSatisfying(
            SourceResponseInvalidException.class,
            e -> {
              assertThat(e.field()).isEqualTo("data[1].workflow_run.id");
              assertThat(e.getMessage())
                  .startsWith("Dify connection conn-1, GET /workflows/logs: unreadable response:")
                  .contains("field data[1].workflow_run.id is missing or empty");
            });
  }

  @Test
  void readers_whenValuesHaveTheRightShape_convert() {
    JsonFields run = body.requiredArray("data").get(0).requiredObject("workflow_run");

    assertThat(run.text("id")).isEqualTo("a");
    assertThat(run.longValue("n")).isEqualTo(42L);
    assertThat(run.text("t")).isEqualTo("1770109352");
    assertThat(run.instant("t")).isEqualTo(Instant.parse("2026-02-03T09:02:32Z"));
    assertThat(run.text("absent")).isNull();
    assertThat(run.array("absent")).isEmpty();
  }

  /** One timestamp reader: the poll path (an instance) and the webhook path (static) agree. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2026-02-03T02:00:00Z\"            | 2026-02-03T02:00:00Z",
        "\"2026-02-03T04:00:00+02:00\"       | 2026-02-03T02:00:00Z",
        "\"2026-02-03 02:00:00\"             | 2026-02-03T02:00:00Z",
        "\"2026-02-03 04:00:00+02:00\"       | 2026-02-03T02:00:00Z",
        "\"2026-02-03T02:00:00\"             | 2026-02-03T02:00:00Z",
        "\"2026-02-03T02:00:00.123456\"      | 2026-02-03T02:00:00.123456Z",
        "\"Tue, 03 Feb 2026 02:00:00 GMT\"   | 2026-02-03T02:00:00Z",
        "\"Tue, 03 Feb 2026 04:00:00 +0200\" | 2026-02-03T02:00:00Z",
        "1770084000                          | 2026-02-03T02:00:00Z",
        "1770084000123                       | 2026-02-03T02:00:00.123Z",
        "\"1770084000\"                      | 2026-02-03T02:00:00Z",
        "1770084000.25                       | 2026-02-03T02:00:00.250Z"
      })
  void instantAndTimestamp_whenAnyAcceptedForm_readTheSameInstant(String json, String expected)
      throws Exception {
    JsonNode value = new ObjectMapper().readTree(json);
    JsonFields row = JsonFields.root(new ObjectMapper().createObjectNode().set("t", value), ORIGIN);

    assertThat(row.instant("t")).isEqualTo(Instant.parse(expected));
    assertThat(JsonFields.timestamp(value)).isEqualTo(Instant.parse(expected));
  }

  @Test
  void readers_whenValuesHaveTheWrongShape_throwNamingTheField() {
    JsonFields run = body.requiredArray("data").get(1).requiredObject("workflow_run");

    assertThatThrownBy(() -> run.longValue("n"))
        .hasMessageContaining("workflow_run.n is not a whole number");
    assertThatThrownBy(() -> run.instant("t"))
        .hasMessageContaining("data[1].workflow_run.t is not a timestamp: soon");
    assertThatThrownBy(() -> run.text("o")).hasMessageContaining("is a ARRAY, not a string");
    assertThatThrownBy(() -> run.requiredArray("o"))
        .hasMessageContaining("data[1].workflow_run.o[0] is a NUMBER, not an object");
    assertThatThrownBy(() -> body.object("nested"))
        .hasMessageContaining("nested is a STRING, not an object");
  }

  @Test
  void members_whenSomeAreNull_skipsThemKeepingOrder() {
    assertThat(body.requiredObject("map").members()).containsOnlyKeys("x");
    assertThat(body.requiredObject("map").members().get("x").path()).isEqualTo("map.x");
  }

  @Test
  void root_whenBodyIsNotAnObject_throws() throws Exception {
    assertThatThrownBy(() -> JsonFields.root(new ObjectMapper().readTree("[1]"), ORIGIN))
        .isInstanceOf(SourceResponseInvalidException.class)
        .hasMessageContaining("the body is not a JSON object");
  }

  private static JsonFields parse(String json) {
    try {
      return JsonFields.root(new ObjectMapper().readTree(json), ORIGIN);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

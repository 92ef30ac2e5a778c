package dev.errorbridge.connector.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonFieldReaderTest {
  private static JsonNode json(String text) {
    return StrictJson.standard().read(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void longInteger_whenEpochMillis_readsIt() {
    JsonFieldReader fields = new JsonFieldReader();

    assertThat(fields.longInteger(json("{\"t\":1583348638390}"), "ctx.", "t"))
        .isEqualTo(1_583_348_638_390L);
    assertThat(fields.longInteger(json("{\"t\":null}"), "ctx.", "t")).isNull();
    assertThat(fields.longInteger(json("{}"), "ctx.", "t")).isNull();
    assertThat(fields.hasProblems()).isFalse();
  }

  @Test
  void longInteger_whenNotAnIntegerOrTooLarge_namesTheMember() {
    JsonFieldReader fields = new JsonFieldReader();

    fields.longInteger(json("{\"t\":\"1583348638390\"}"), "ctx.", "t");
    fields.longInteger(json("{\"u\":1.5}"), "ctx.", "u");
    fields.longInteger(json("{\"v\":92233720368547758070}"), "ctx.", "v");

    assertThat(fields.problems())
        .containsExactly(
            new FieldProblem("ctx.t", "must be an integer, not a string"),
            new FieldProblem("ctx.u", "must be an integer, not a number"),
            new FieldProblem("ctx.v", "must be an integer that fits in 64 bits"));
  }
}

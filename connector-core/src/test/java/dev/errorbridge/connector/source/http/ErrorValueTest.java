package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ErrorValueTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void of_whenString_isTheMessageAlone() throws Exception {
    assertThat(ErrorValue.of(JSON.readTree("\"HubSpot returned 429\"")))
        .isEqualTo(new ErrorValue("HubSpot returned 429", null, null, null));
  }

  @Test
  void of_whenObject_readsMessageCodeStatusAndKeepsTheJson() throws Exception {
    String json = "{\"code\":\"RATE_LIMITED\",\"message\":\"HubSpot returned 429\",\"status\":429}";

    assertThat(ErrorValue.of(JSON.readTree(json)))
        .isEqualTo(new ErrorValue("HubSpot returned 429", "RATE_LIMITED", json, 429));
  }

  @Test
  void of_whenObjectHasNoMessage_usesItsJsonAsText() throws Exception {
    String json = "{\"reason\":\"quota\",\"statusCode\":700}";

    assertThat(ErrorValue.of(JSON.readTree(json)))
        .isEqualTo(new ErrorValue(json, null, json, null));
  }

  @Test
  void of_whenNullBlankOrEmpty_isNull() throws Exception {
    assertThat(ErrorValue.of(null)).isNull();
    assertThat(ErrorValue.of(JSON.readTree("null"))).isNull();
    assertThat(ErrorValue.of(JSON.readTree("\" \""))).isNull();
    assertThat(ErrorValue.of(JSON.readTree("{}"))).isNull();
  }
}

package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our own event reading agrees with the Lambda Java runtime's serializer on every HTTP fixture. */
class LambdaJsonTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "webhook-function-url-runflow.json",
        "webhook-http-api-runflow-base64.json",
        "settings-create-acme.json",
        "settings-get-globex.json",
        "settings-list-iam-user.json"
      })
  void read_whenHttpEventFixture_equalsWhatTheLambdaRuntimeReads(String fixture)
      throws IOException {
    String json = Fixtures.text("events/" + fixture);

    APIGatewayV2HTTPEvent ours =
        LambdaJson.readHttpEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(ours).isEqualTo(Fixtures.event(fixture, APIGatewayV2HTTPEvent.class));
    assertThat(ours.getRequestContext().getHttp().getMethod()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"rawPath\":\"/connections\",\"rawPath\":\"/webhooks/x\"}",
        "{\"rawPath\":\"/connections\"} {}",
        "[]"
      })
  void readHttpEvent_whenEventNotOneObjectWithUniqueMembers_refusesIt(String event) {
    assertThatThrownBy(
            () ->
                LambdaJson.readHttpEvent(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(JsonBodyInvalidException.class);
  }
}

package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Function URL and HTTP API events into webhook requests: byte-exact bodies, headers, paths. */
class WebhookEventsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-02-03T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void parse_whenFunctionUrlSendsTextBody_keepsItsUtf8BytesExactly() throws IOException {
    WebhookRequest request = request("webhook-function-url-runflow.json");

    assertThat(request.body()).isEqualTo(signedBytes());
    assertThat(request.connectionId()).isEqualTo("CONNECTION_ID");
  }

  @Test
  void parse_whenHttpApiSendsBase64Body_decodesItToTheSameBytes() throws IOException {
    WebhookRequest request = request("webhook-http-api-runflow-base64.json");

    assertThat(request.body()).isEqualTo(signedBytes());
    assertThat(request.connectionId()).isEqualTo("CONNECTION_ID");
  }

  @Test
  void parse_whenHeadersLowerCased_readsThemInAnyCaseAndKeepsJoinedValuesWhole() {
    APIGatewayV2HTTPEvent event = event("webhook-function-url-runflow.json");
    event.getHeaders().put("x-signature", "t=1770109620,v1=abc,v1=def");

    WebhookRequest request =
        ((WebhookEvents.Parsed.Request) WebhookEvents.parse(event, CLOCK)).request();

    assertThat(request.headers().first("Runflow-Signature"))
        .hasValueSatisfying(v -> assertThat(v).hasSize(64));
    assertThat(request.headers().all("X-Signature")).containsExactly("t=1770109620,v1=abc,v1=def");
  }

  @Test
  void parse_whenQueryRepeatsAParameter_keepsEveryValueInOrderDecoded() {
    WebhookRequest request = request("webhook-function-url-runflow.json");

    assertThat(request.queryParameters("tag")).containsExactly("a", "b c");
    assertThat(request.queryParameter("source")).hasValue("runflow");
  }

  @Test
  void parse_whenServiceStampedTheRequest_usesItsTimeAsReceivedAt() {
    WebhookRequest request = request("webhook-function-url-runflow.json");

    assertThat(request.receivedAt()).isEqualTo(Instant.ofEpochMilli(1770109620000L));
  }

  @Test
  void parse_whenPathIsNotAWebhook_answersNotFoundBeforeTheIntake() {
    APIGatewayV2HTTPEvent event = event("webhook-function-url-runflow.json");
    event.setRawPath("/admin");

    WebhookEvents.Parsed parsed = WebhookEvents.parse(event, CLOCK);

    assertThat(parsed).isInstanceOf(WebhookEvents.Parsed.Answer.class);
    assertThat(((WebhookEvents.Parsed.Answer) parsed).response().getStatusCode()).isEqualTo(404);
  }

  @Test
  void parse_whenMethodIsNotPost_answersMethodNotAllowed() {
    APIGatewayV2HTTPEvent event = event("webhook-function-url-runflow.json");
    event.getRequestContext().getHttp().setMethod("GET");

    WebhookEvents.Parsed parsed = WebhookEvents.parse(event, CLOCK);

    assertThat(((WebhookEvents.Parsed.Answer) parsed).response().getStatusCode()).isEqualTo(405);
    assertThat(((WebhookEvents.Parsed.Answer) parsed).response().getHeaders())
        .containsAllEntriesOf(Map.of("Allow", "POST"));
  }

  @Test
  void parse_whenBase64BodyIsMalformed_answersBadRequest() {
    APIGatewayV2HTTPEvent event = event("webhook-http-api-runflow-base64.json");
    event.setBody("not*base64");

    WebhookEvents.Parsed parsed = WebhookEvents.parse(event, CLOCK);

    assertThat(((WebhookEvents.Parsed.Answer) parsed).response().getStatusCode()).isEqualTo(400);
  }

  @Test
  void parse_whenCookiesSentApart_restoresOneCookieHeader() {
    APIGatewayV2HTTPEvent event = event("webhook-function-url-runflow.json");
    event.setCookies(List.of("a=1", "b=2"));

    WebhookRequest request =
        ((WebhookEvents.Parsed.Request) WebhookEvents.parse(event, CLOCK)).request();

    assertThat(request.headers().all("Cookie")).containsExactly("a=1; b=2");
  }

  private static WebhookRequest request(String fixture) {
    return ((WebhookEvents.Parsed.Request) WebhookEvents.parse(event(fixture), CLOCK)).request();
  }

  private static APIGatewayV2HTTPEvent event(String fixture) {
    return Fixtures.event(fixture, APIGatewayV2HTTPEvent.class);
  }

  /** The bytes Runflow signed (its HMAC is the fixtures' Runflow-Signature). */
  static byte[] signedBytes() throws IOException {
    try (InputStream in = WebhookEventsTest.class.getResourceAsStream("/runflow-body.bin")) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"post", "Post", "GET", "PUT"})
  void parse_whenMethodIsNotExactlyPost_answers405(String method) {
    APIGatewayV2HTTPEvent event = event("webhook-function-url-runflow.json");
    event.getRequestContext().getHttp().setMethod(method);

    WebhookEvents.Parsed parsed = WebhookEvents.parse(event, CLOCK);

    assertThat(parsed).isInstanceOf(WebhookEvents.Parsed.Answer.class);
    var response = ((WebhookEvents.Parsed.Answer) parsed).response();
    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(response.getHeaders()).containsEntry("Allow", "POST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-http-method-override", "X-HTTP-Method", "x-method-override"})
  void parse_whenMethodOverrideHeaderSent_answers400(String header) {
    APIGatewayV2HTTPEvent event = event("webhook-function-url-runflow.json");
    event.getHeaders().put(header, "DELETE");

    WebhookEvents.Parsed parsed = WebhookEvents.parse(event, CLOCK);

    assertThat(parsed).isInstanceOf(WebhookEvents.Parsed.Answer.class);
    var response = ((WebhookEvents.Parsed.Answer) parsed).response();
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getBody()).contains("not honoured");
  }
}

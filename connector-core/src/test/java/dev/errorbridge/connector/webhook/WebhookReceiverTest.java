package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.hmacHex;
import static dev.errorbridge.connector.webhook.WebhookTestKit.post;
import static dev.errorbridge.connector.webhook.WebhookTestKit.rejected;
import static dev.errorbridge.connector.webhook.WebhookTestKit.runflow;
import static dev.errorbridge.connector.webhook.WebhookTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.webhook.spi.WebhookRateLimit;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import dev.errorbridge.connector.webhook.spi.WebhookVerification;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards, lookup, rate limit and JSON reading, in front of every platform. */
class WebhookReceiverTest {
  private final WebhookTestKit kit = new WebhookTestKit();

  /** A Runflow request signed over {@code body}, whatever it is. */
  private static WebhookTestKit.RequestBuilder signed(byte[] body) {
    return post(RUNFLOW).body(body).header("Runflow-Signature", hmacHex(RUNFLOW_SECRET, body));
  }

  @Test
  void receive_whenBodyOverTheLimit_rejects413BeforeVerifying() {
    kit.config(1024, WebhookReceiverConfig.DEFAULT_MAX_NESTING_DEPTH);
    byte[] body = new byte[1025];
    Arrays.fill(body, (byte) ' ');

    WebhookReceipt.Rejected rejected =
        rejected(kit.receive(signed(body).header("Content-Type", "application/json").build()));

    assertThat(rejected.status()).isEqualTo(413);
    assertThat(rejected.problems()).containsExactly("body must be at most 1024 bytes");
  }

  @Test
  void receive_whenBodyOverTheDefaultMebibyte_rejects413() {
    byte[] body = new byte[WebhookReceiverConfig.DEFAULT_MAX_BODY_BYTES + 1];

    WebhookReceipt receipt = kit.receive(runflow(body).build());

    assertThat(rejected(receipt).status()).isEqualTo(413);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=\"UTF-8\"",
        "application/json;",
        "application/cloudevents+json; charset=utf-8"
      })
  void receive_whenContentTypeIsJson_accepts(String contentType) {
    byte[] body = fixture("runflow-failed.json");

    WebhookReceipt receipt = kit.receive(signed(body).header("Content-Type", contentType).build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/jsonp",
        "application/+json",
        "text/json",
        "application/json; charset=iso-8859-1",
        "application/json; boundary"
      })
  void receive_whenContentTypeIsNotJson_rejects415(String contentType) {
    byte[] body = fixture("runflow-failed.json");

    WebhookReceipt receipt = kit.receive(signed(body).header("Content-Type", contentType).build());

    assertThat(rejected(receipt).status()).isEqualTo(415);
  }

  @Test
  void receive_whenContentTypeMissingOrRepeated_rejects415() {
    byte[] body = fixture("runflow-failed.json");

    WebhookReceipt missing = kit.receive(signed(body).build());
    WebhookReceipt repeated =
        kit.receive(
            signed(body)
                .header("Content-Type", "application/json")
                .header("content-type", "application/json")
                .build());

    assertThat(rejected(missing).status()).isEqualTo(415);
    assertThat(rejected(repeated).status()).isEqualTo(415);
  }

  @Test
  void receive_whenBodyEmpty_rejects400() {
    WebhookReceipt.Rejected rejected = rejected(kit.receive(runflow(new byte[0]).build()));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems()).containsExactly("body must not be empty");
  }

  @Test
  void receive_whenBodyOnlyWhitespace_rejects400() {
    WebhookReceipt.Rejected rejected = rejected(kit.receive(runflow(utf8("  \n")).build()));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems()).singleElement().asString().startsWith("body must not be empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"event\":", "{} {}", "{\"a\":1,\"a\":2}", "{'a':1}"})
  void receive_whenSignedBodyIsNotJson_rejects400WithoutQuotingIt(String text) {
    WebhookReceipt.Rejected rejected = rejected(kit.receive(runflow(utf8(text)).build()));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems()).singleElement().asString().startsWith("body is not valid JSON");
    assertThat(rejected.response().body()).doesNotContain("\"a\"").doesNotContain("not json");
  }

  @Test
  void receive_whenBodyNotUtf8_rejects400() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    WebhookReceipt.Rejected rejected = rejected(kit.receive(runflow(body).build()));

    assertThat(rejected.problems())
        .singleElement()
        .asString()
        .startsWith("body is not valid UTF-8");
  }

  @Test
  void receive_whenBodyNestsTooDeeply_rejects400BeforeAnyRecursion() {
    byte[] body = utf8("[".repeat(10_000) + "]".repeat(10_000));

    WebhookReceipt.Rejected rejected = rejected(kit.receive(runflow(body).build()));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems()).containsExactly("body nests deeper than 64 levels");
  }

  @Test
  void receive_whenBodyNestsWithinTheLimit_accepts() {
    String metadata = "{\"a\":".repeat(60) + "1" + "}".repeat(60);
    byte[] body =
        utf8("{\"event\":\"run.failed\",\"run_id\":\"r-1\",\"metadata\":" + metadata + "}");

    assertThat(kit.receive(runflow(body).build())).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenNestingLimitConfigured_usesIt() {
    kit.config(WebhookReceiverConfig.DEFAULT_MAX_BODY_BYTES, 3);
    byte[] body = utf8("{\"event\":\"run.failed\",\"run_id\":\"r\",\"m\":{\"a\":{\"b\":{}}}}");

    assertThat(rejected(kit.receive(runflow(body).build())).problems())
        .containsExactly("body nests deeper than 3 levels");
  }

  @Test
  void receive_whenConnectionUnknownForeignOrMalformed_answersOneIdentical404() {
    byte[] body = fixture("runflow-failed.json");
    // A lookup that serves another connection's settings must not be trusted either.
    kit.connections.put("conn_foreign_1", kit.connections.get(RUNFLOW));

    WebhookResponse unknown = kit.receive(runflowTo("conn_unknown_1", body)).response();
    WebhookResponse foreign = kit.receive(runflowTo("conn_foreign_1", body)).response();
    WebhookResponse malformed = kit.receive(runflowTo("../etc/passwd", body)).response();
    WebhookResponse empty = kit.receive(runflowTo("", body)).response();

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(foreign).isEqualTo(unknown);
    assertThat(malformed).isEqualTo(unknown);
    assertThat(empty).isEqualTo(unknown);
  }

  private static WebhookRequest runflowTo(String connectionId, byte[] body) {
    return post(connectionId)
        .json(body)
        .header("Runflow-Signature", hmacHex(RUNFLOW_SECRET, body))
        .build();
  }

  @Test
  void receive_whenOverTheRateLimit_rejects429WithRetryAfterBeforeVerifying() {
    kit.add(
        WebhookTestKit.runflowSettings()
            .rateLimit(new WebhookRateLimit(2, Duration.ofHours(1)))
            .build());
    byte[] body = fixture("runflow-failed.json");

    WebhookReceipt unsigned = kit.receive(post(RUNFLOW).json(body).build());
    WebhookReceipt signed = kit.receive(runflow(body).build());
    WebhookReceipt limited = kit.receive(runflow(body).build());

    assertThat(rejected(unsigned).status()).isEqualTo(401);
    assertThat(signed).isInstanceOf(WebhookReceipt.Accepted.class);
    WebhookResponse response = limited.response();
    assertThat(response.status()).isEqualTo(429);
    assertThat(Long.parseLong(response.headers().get("Retry-After"))).isBetween(1L, 3600L);
  }

  @Test
  void receive_whenOneConnectionIsLimited_leavesOthersAlone() {
    kit.add(
        WebhookTestKit.runflowSettings()
            .rateLimit(new WebhookRateLimit(1, Duration.ofHours(1)))
            .build());
    byte[] body = fixture("runflow-failed.json");
    kit.receive(runflow(body).build());

    WebhookReceipt other =
        kit.receive(WebhookTestKit.generic(fixture("generic-failure.json")).build());

    assertThat(rejected(kit.receive(runflow(body).build())).status()).isEqualTo(429);
    assertThat(other).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenConnectionStoreFails_rejects503WithRetryAfter() {
    WebhookReceiver receiver =
        new WebhookReceiver(
            id -> {
              throw new IllegalStateException("DynamoDB unavailable");
            },
            kit.replayGuard,
            WebhookReceiverConfig.defaults());

    WebhookResponse response =
        receiver.receive(runflow(fixture("runflow-failed.json")).build()).response();

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "5");
    assertThat(response.body()).doesNotContain("DynamoDB");
  }

  @Test
  void receive_whenReplayGuardFails_rejects503() {
    MutableClock clock = kit.clock;
    WebhookReceiver receiver =
        new WebhookReceiver(
            id -> Optional.ofNullable(kit.connections.get(id)),
            (connectionId, key, expiresAt) -> {
              throw new IllegalStateException("table missing");
            },
            WebhookReceiverConfig.defaults(clock));
    byte[] body = fixture("generic-failure.json");

    WebhookReceipt receipt = receiver.receive(WebhookTestKit.generic(body).build());

    assertThat(rejected(receipt).status()).isEqualTo(503);
  }

  @Test
  void receive_whenVerificationFails_neverReachesTheParser() {
    WebhookReceiver receiver =
        new WebhookReceiver(
            id -> Optional.ofNullable(kit.connections.get(id)),
            WebhookReceiverConfig.defaults(),
            new WebhookRequestGuard(1024 * 1024),
            new WebhookRateLimiter(),
            (request, settings) -> WebhookVerification.failed("test"),
            (request, body, settings) -> {
              throw new AssertionError("parsed before verification");
            });

    WebhookReceipt receipt = receiver.receive(runflow(utf8("not even json")).build());

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }
}

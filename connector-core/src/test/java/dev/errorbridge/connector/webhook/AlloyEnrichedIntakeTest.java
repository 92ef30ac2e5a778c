package dev.errorbridge.connector.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.source.SourceTestKit.fixture;
import static dev.errorbridge.connector.webhook.IntakeKit.body;
import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;
import static dev.errorbridge.connector.webhook.WebhookTestKit.alloy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.platform.alloy.AlloyWebhookEnricher;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.DefaultPollEngine;
import dev.errorbridge.connector.poll.DeliveryCounts;
import dev.errorbridge.connector.poll.FailureDelivery;
import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.poll.PollCycleReport;
import dev.errorbridge.connector.poll.PollSources;
import dev.errorbridge.connector.poll.PollStatus;
import dev.errorbridge.connector.poll.SourceConnections;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Alloy error webhook and a poll of the same execution, wired as production wires them (the
 * intake with {@link AlloyWebhookEnricher#create}, the poll engine with the real Alloy source): a
 * connection with Alloy API credentials gets one event under the poller's event id, whichever way
 * comes first; a webhook-only one keeps the webhook's own.
 */
@ExtendWith(LocalServices.class)
class AlloyEnrichedIntakeTest {
  private static final String UUID = "Qm7vT2xK9pLr4sWz8nB3c";
  private static final String EXECUTION_ID = "6a1f0c9d7e3b2a1c0f9e8d71";
  private static final Instant WEBHOOK_AT = Instant.parse("2026-02-03T09:14:08.250Z");
  private static final Instant POLL_AT = Instant.parse("2026-02-03T09:20:00Z");

  @RegisterExtension static WireMockExtension platform = SourceTestKit.wireMock();

  private static LocalAwsServices aws;
  private IntakeKit kit;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    LocalPipeline pipeline = new LocalPipeline(aws);
    kit =
        new IntakeKit(
            pipeline,
            AlloyWebhookEnricher.create(
                new SourceConnections(pipeline.cipher()),
                DefaultFailureSourceFactory::defaultHttpClient,
                AlloyWebhookEnricher.DEFAULT_BUDGET,
                pipeline.clock()));
  }

  @AfterEach
  void reset() {
    kit.close();
    aws.reset();
  }

  @Test
  void
      handle_whenTheConnectionHasAlloyCredentials_publishesUnderThePollersEventIdAndThePollIsADuplicate() {
    givePlatformApi();
    stubAlloy();
    moveTo(WEBHOOK_AT);

    WebhookResponse response =
        kit.handle(alloy(WebhookTestKit.fixture("alloy-error.json")).receivedAt(WEBHOOK_AT));
    moveTo(POLL_AT);
    PollCycleReport poll = poll();

    String pollersEventId = EventIds.of(TENANT, ALLOY, Platform.ALLOY, EXECUTION_ID);
    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("accepted");
    assertThat(body(response).at("/eventId").asText()).isEqualTo(pollersEventId);
    assertThat(poll.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(poll.counts()).isEqualTo(new DeliveryCounts(1, 0, 1, 0, 0, 1));
    List<JsonNode> events = aws.busEvents();
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.at("/detail/eventId").asText()).isEqualTo(pollersEventId);
    assertThat(event.at("/detail/execution/id").asText()).isEqualTo(EXECUTION_ID);
    assertThat(event.at("/detail/delivery/path").asText()).isEqualToIgnoringCase("WEBHOOK");
    assertThat(event.at("/detail/delivery/detectedAt").asText()).isEqualTo(WEBHOOK_AT.toString());
    assertThat(event.at("/detail/failedSteps/0/name").asText()).isEqualTo("Create Sales Order");
  }

  @Test
  void handle_whenTheConnectionIsWebhookOnly_publishesTheWebhooksOwnFailureWithoutAskingAlloy() {
    WebhookResponse response = kit.handle(alloy(WebhookTestKit.fixture("alloy-error.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/eventId").asText())
        .isEqualTo(EventIds.of(TENANT, ALLOY, Platform.ALLOY, UUID));
    assertThat(aws.busEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.at("/detail/execution/id").asText()).isEqualTo(UUID));
    platform.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void handle_whenAlloyIsDown_stillPublishesTheWebhooksOwnFailure() {
    givePlatformApi();
    platform.stubFor(get(urlPathEqualTo("/logs")).willReturn(aResponse().withStatus(503)));
    moveTo(WEBHOOK_AT);

    WebhookResponse response =
        kit.handle(alloy(WebhookTestKit.fixture("alloy-error.json")).receivedAt(WEBHOOK_AT));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("accepted");
    assertThat(aws.busEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.at("/detail/execution/id").asText()).isEqualTo(UUID));
  }

  private void moveTo(Instant instant) {
    kit.pipeline.clock().advance(Duration.between(kit.pipeline.clock().instant(), instant));
  }

  /** The kit's Alloy connection gets an API key and WireMock as its base URL; pages of two. */
  private void givePlatformApi() {
    kit.pipeline.platformApi(
        ALLOY,
        URI.create(SourceTestKit.origin(platform)),
        SourceTestKit.KEY.reveal(),
        Map.of("pageSize", "2"));
  }

  /** The same errors newest first (the webhook's lookup) and oldest first (the poller's scan). */
  private static void stubAlloy() {
    platform.stubFor(logs("desc", 0).willReturn(okJson(fixture("alloy/logs-newest-page1.json"))));
    platform.stubFor(logs("desc", 2).willReturn(okJson(fixture("alloy/logs-newest-page2.json"))));
    platform.stubFor(logs("asc", 0).willReturn(okJson(fixture("alloy/logs-page1.json"))));
    platform.stubFor(logs("asc", 2).willReturn(okJson(fixture("alloy/logs-page2.json"))));
    platform.stubFor(
        get(urlPathEqualTo("/logs/" + EXECUTION_ID))
            .willReturn(okJson(fixture("alloy/log-6a1f.json"))));
  }

  private static MappingBuilder logs(String order, int skip) {
    return get(urlPathEqualTo("/logs"))
        .withQueryParam("sortOrder", equalTo(order))
        .withQueryParam("skip", equalTo(String.valueOf(skip)));
  }

  /** One poll cycle of the Alloy connection, as the poll workers run it. */
  private PollCycleReport poll() {
    LocalPipeline pipeline = kit.pipeline;
    return DefaultPollEngine.builder()
        .checkpoints(pipeline.stores().checkpoints())
        .connections(pipeline.connections())
        .sources(
            new PollSources(
                new DefaultFailureSourceFactory(
                    SourceTestKit.http(), pipeline.clock(), pipeline.clock().sleeper()),
                pipeline.cipher()))
        .delivery(FailureDelivery.of(pipeline.delivery()))
        .health(pipeline.health())
        .config(PollConfig.defaults())
        .clock(pipeline.clock())
        .build()
        .poll(
            pipeline.connections().find(ALLOY).orElseThrow(),
            Deadline.after(Duration.ofMinutes(1), pipeline.clock()));
  }
}

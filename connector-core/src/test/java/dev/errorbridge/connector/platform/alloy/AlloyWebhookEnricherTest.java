package dev.errorbridge.connector.platform.alloy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.poll.SourceConnections;
import dev.errorbridge.connector.secrets.EncryptedSecret;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestConnections;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.WebhookIntake;
import dev.errorbridge.connector.webhook.WebhookTestKit;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlloyWebhookEnricherTest {
  private static final String UUID = "Qm7vT2xK9pLr4sWz8nB3c";
  private static final String EXECUTION_ID = "6a1f0c9d7e3b2a1c0f9e8d71";

  @RegisterExtension static WireMockExtension alloy = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(WebhookTestKit.NOW);
  private final AtomicInteger decryptions = new AtomicInteger();
  private final WebhookReceipt.Accepted received =
      WebhookTestKit.accepted(
          new WebhookTestKit().receive(WebhookTestKit.alloy(alloyBody()).build()));

  @Test
  void enrich_whenAlloyHasTheExecution_deliversThePollersFailureUnderThePollersEventId() {
    stubNewestErrors();

    WebhookReceipt.Accepted enriched =
        enricher(Duration.ofSeconds(1)).enrich(withKey(1), received, publish());

    FailedExecution failure = enriched.failure();
    assertThat(enriched.eventId())
        .isEqualTo(EventIds.of(TENANT, ALLOY, Platform.ALLOY, EXECUTION_ID))
        .isNotEqualTo(received.eventId());
    assertThat(failure.execution().id()).isEqualTo(EXECUTION_ID);
    assertThat(failure.workflow().name()).isEqualTo("Sync paid orders to NetSuite");
    assertThat(failure.failedSteps())
        .extracting(FailedExecution.FailedStep::name)
        .containsExactly("Create Sales Order");
    assertThat(failure.rawPayload())
        .isEqualTo(SourceTestKit.compact("alloy/log-6a1f.json", "/data"));
    assertThat(failure.delivery()).isEqualTo(received.failure().delivery());
    assertThat(failure.delivery().path()).isEqualTo(DeliveryPath.WEBHOOK);
    alloy.verify(
        getRequestedFor(urlPathEqualTo("/logs"))
            .withHeader("Authorization", equalTo("Bearer " + KEY.reveal())));
  }

  @Test
  void enrich_whenTheConnectionHasNoApiKey_keepsTheWebhookAndAsksNothing() {
    Connection webhookOnly = connection(null, 1, Instant.EPOCH);

    WebhookReceipt.Accepted result =
        enricher(Duration.ofSeconds(1)).enrich(webhookOnly, received, publish());

    assertThat(result).isSameAs(received);
    assertThat(decryptions).hasValue(0);
    alloy.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void enrich_whenTheWebhookAlreadyCarriesTheExecutionId_asksNothing() {
    WebhookReceipt.Accepted byExecutionId =
        WebhookTestKit.accepted(
            new WebhookTestKit()
                .receive(
                    WebhookTestKit.post(ALLOY)
                        .json(alloyBody())
                        .header("X-Errorbridge-Token", WebhookTestKit.ALLOY_TOKEN)
                        .header(AlloyErrorParser.WORKFLOW_ID_HEADER, "65c1d2e3f4a5b6c7d8e9f0b7")
                        .header(AlloyErrorParser.EXECUTION_UUID_HEADER, EXECUTION_ID)
                        .build()));
    assertThat(byExecutionId.failure().execution().id()).isEqualTo(EXECUTION_ID);

    WebhookReceipt.Accepted result =
        enricher(Duration.ofSeconds(1)).enrich(withKey(1), byExecutionId, publish());

    assertThat(result).isSameAs(byExecutionId);
    alloy.verify(0, anyRequestedFor(anyUrl()));
  }

  static Stream<Arguments> alloyFailures() {
    return Stream.of(
        Arguments.of(
            "refused key", aResponse().withStatus(401).withBody("{\"code\":\"UNAUTHORIZED\"}")),
        Arguments.of("outage", aResponse().withStatus(500).withBody("{\"code\":\"INTERNAL\"}")),
        Arguments.of("truncated JSON", okJson("{\"notifications\":[{\"_id\":")),
        Arguments.of("wrong shape", okJson("{\"notifications\":\"none\"}")),
        Arguments.of(
            "not among the newest",
            okJson("{\"notifications\":[],\"pagination\":{\"totalItems\":0}}")),
        Arguments.of(
            "too slow", okJson(fixture("alloy/logs-newest-page1.json")).withFixedDelay(1_500)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alloyFailures")
  void enrich_whenAlloyCannotResolveIt_deliversTheWebhookAsReceived(
      String why, ResponseDefinitionBuilder answer) {
    alloy.stubFor(get(urlPathEqualTo("/logs")).willReturn(answer));

    WebhookReceipt.Accepted result =
        enricher(Duration.ofMillis(200)).enrich(withKey(1), received, publish());

    assertThat(result).isSameAs(received);
    assertThat(result.failure().execution().id()).isEqualTo(UUID);
  }

  @Test
  void enrich_whenAlloyRefusesAndEchoesTheKey_warnsWithoutIt() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"error\":\"" + KEY.reveal() + "\"}")));
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    WebhookReceipt.Accepted result;
    try {
      result = enricher(Duration.ofSeconds(1)).enrich(withKey(1), received, publish());
    } finally {
      System.setErr(originalErr);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(result).isSameAs(received);
    assertThat(log)
        .contains("alloy webhook not enriched")
        .contains("connectionId=" + ALLOY)
        .contains("401")
        .doesNotContain(KEY.reveal());
  }

  @Test
  void enrich_whenTheKeyCannotBeDecrypted_deliversTheWebhookAsReceived() {
    AlloyWebhookEnricher enricher =
        new AlloyWebhookEnricher(
            new SourceConnections(failingCipher()), this::resolver, Duration.ofSeconds(1), clock);

    assertThat(enricher.enrich(withKey(1), received, publish())).isSameAs(received);
    alloy.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void enrich_whenThePublishDeadlineIsNear_takesAtMostHalfOfWhatIsLeft() {
    List<Deadline> deadlines = new ArrayList<>();
    Function<SourceConnection, AlloyExecutionResolver> recording =
        settings ->
            (uuid, delivery, deadline) -> {
              deadlines.add(deadline);
              return Optional.empty();
            };
    AlloyWebhookEnricher enricher =
        new AlloyWebhookEnricher(
            new SourceConnections(cipher()), recording, Duration.ofSeconds(1), clock);
    Instant now = clock.instant();

    enricher.enrich(withKey(1), received, Deadline.after(Duration.ofSeconds(3), clock));
    enricher.enrich(withKey(1), received, Deadline.after(Duration.ofMillis(800), clock));
    enricher.enrich(withKey(1), received, new Deadline(now.minusSeconds(1)));

    assertThat(deadlines)
        .extracting(Deadline::instant)
        .containsExactly(now.plusSeconds(1), now.plusMillis(400), now);
  }

  @Test
  void enrich_whenTheSettingsAreUnchanged_decryptsTheKeyOnceAndRebuildsOnANewVersion() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .willReturn(okJson("{\"notifications\":[],\"pagination\":{\"totalItems\":0}}")));
    AlloyWebhookEnricher enricher = enricher(Duration.ofSeconds(1));

    enricher.enrich(withKey(1), received, publish());
    enricher.enrich(withKey(1), received, publish());
    assertThat(decryptions).hasValue(1);

    enricher.enrich(withKey(2), received, publish());
    assertThat(decryptions).hasValue(2);
  }

  @Test
  void constructor_whenTheBudgetIsNotPositive_saysWhatToSet() {
    assertThatThrownBy(
            () ->
                new AlloyWebhookEnricher(
                    new SourceConnections(cipher()), this::resolver, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("budget must be a positive duration");
  }

  private Deadline publish() {
    return Deadline.after(WebhookIntake.DEFAULT_PUBLISH_BUDGET, clock);
  }

  /** Newest first, two a page: the webhook's execution is the last row of the second page. */
  private static void stubNewestErrors() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .withQueryParam("skip", equalTo("0"))
            .willReturn(okJson(fixture("alloy/logs-newest-page1.json"))));
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .withQueryParam("skip", equalTo("2"))
            .willReturn(okJson(fixture("alloy/logs-newest-page2.json"))));
    alloy.stubFor(
        get(urlPathEqualTo("/logs/" + EXECUTION_ID))
            .willReturn(okJson(fixture("alloy/log-6a1f.json"))));
  }

  private AlloyWebhookEnricher enricher(Duration budget) {
    return new AlloyWebhookEnricher(new SourceConnections(cipher()), this::resolver, budget, clock);
  }

  private AlloyExecutionResolver resolver(SourceConnection settings) {
    return new DefaultAlloyExecutionResolver(settings, SourceTestKit.http(), clock);
  }

  /** The kit's Alloy connection with an API key, pages of two, at settings version {@code v}. */
  private static Connection withKey(long version) {
    return connection(TestConnections.secret("alloy-key", "****3210"), version, Instant.EPOCH);
  }

  private static Connection connection(StoredSecret apiKey, long version, Instant updatedAt) {
    Connection template = TestConnections.dify(TENANT, ALLOY);
    return new Connection(
        ALLOY,
        TENANT,
        "Alloy production",
        true,
        new ConnectionSource(
            Platform.ALLOY,
            URI.create(SourceTestKit.origin(alloy)),
            apiKey,
            null,
            null,
            Map.of("pageSize", "2")),
        template.webhook(),
        template.destination(),
        template.mapping(),
        template.health(),
        updatedAt,
        updatedAt,
        version);
  }

  private static byte[] alloyBody() {
    return WebhookTestKit.fixture("alloy-error.json");
  }

  /** Decrypts every platform key to {@link SourceTestKit#KEY}, counting. */
  private SecretCipher cipher() {
    return new StubCipher() {
      @Override
      public SecretValue decrypt(SecretRef ref, EncryptedSecret encrypted) {
        decryptions.incrementAndGet();
        return KEY;
      }
    };
  }

  private static SecretCipher failingCipher() {
    return new StubCipher() {
      @Override
      public SecretValue decrypt(SecretRef ref, EncryptedSecret encrypted) {
        throw new SecretCipherException("the KMS key is disabled", "DisabledException", null);
      }
    };
  }

  private abstract static class StubCipher implements SecretCipher {
    @Override
    public EncryptedSecret encrypt(SecretRef ref, SecretValue secret) {
      throw new UnsupportedOperationException();
    }

    @Override
    public EncryptedSecret reencrypt(SecretRef ref, EncryptedSecret encrypted) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void invalidate(String tenantId, String connectionId) {}
  }
}

package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.publish.PublisherConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stopped backfill's message reads as sentences: one period between reason and resume hint. */
class BackfillMessageTest extends PollTestBase {
  private static final String ID = "runflow-1";

  @Override
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(
        infra,
        PollConfig.builder().backfillChunk(Duration.ofHours(1)).build(),
        PublisherConfig.builder());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void run_whenThePlatformRefusesTheList_endsEachSentenceWithOnePeriod(int status) {
    world.create(ID, Platform.RUNFLOW, platform, Set.of(Outcome.FAILED), Map.of());
    platform.stubFor(
        get(urlPathEqualTo("/" + ID + "/v1/runs"))
            .willReturn(aResponse().withStatus(status).withBody("{\"code\":\"NOPE\"}")));

    BackfillReport report =
        world
            .backfill()
            .run(
                world.connection(ID),
                at("06:00"),
                at("09:00"),
                world.deadline(Duration.ofMinutes(30)),
                p -> {});

    assertThat(report.resumeFrom()).isEqualTo(at("06:00"));
    assertThat(report.message()).doesNotContain("..").contains(". Everything before ");
  }
}

package dev.errorbridge.connector.poll;

import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.alloy.AlloyFailureSource;
import dev.errorbridge.connector.platform.dify.DifyFailureSource;
import dev.errorbridge.connector.platform.dify.DifyOptions;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.platform.runflow.RunflowFailureSource;
import dev.errorbridge.connector.platform.trigify.TrigifyFailureSource;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.FailureSourceFactory;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.time.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DefaultFailureSourceFactoryTest {
  private final FailureSourceFactory factory =
      new DefaultFailureSourceFactory(SourceTestKit.http(), Clock.systemUTC(), Sleeper.SYSTEM);

  @Test
  void create_whenEachPolledPlatform_buildsItsAdapter() {
    assertThat(factory.create(connection(Platform.ALLOY).build()))
        .isInstanceOf(AlloyFailureSource.class);
    assertThat(factory.create(connection(Platform.DIFY).options(DifyOptions.forApp("a")).build()))
        .isInstanceOf(DifyFailureSource.class);
    assertThat(factory.create(connection(Platform.TRIGIFY).build()))
        .isInstanceOf(TrigifyFailureSource.class);
    FailureSource runflow = factory.create(connection(Platform.RUNFLOW).build());
    assertThat(runflow).isInstanceOf(RunflowFailureSource.class);
    assertThat(runflow.platform()).isEqualTo(Platform.RUNFLOW);
    assertThat(runflow.connection().connectionId()).isEqualTo("c");
  }

  @Test
  void create_whenAdapterBuiltForAnotherPlatform_refuses() {
    SourceConnection runflow = connection(Platform.RUNFLOW).build();

    assertThatThrownBy(
            () -> new DifyFailureSource(runflow, SourceTestKit.http(), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Dify connection");
  }

  @Test
  void defaultHttpClient_neverFollowsRedirects() {
    HttpClient client = DefaultFailureSourceFactory.defaultHttpClient();

    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(client.connectTimeout()).contains(DefaultFailureSourceFactory.CONNECT_TIMEOUT);
  }

  private static SourceConnection.Builder connection(Platform platform) {
    return PlatformRegistry.builtIn()
        .sourceBuilder(platform)
        .tenantId("t")
        .connectionId("c")
        .apiKey(KEY);
  }
}

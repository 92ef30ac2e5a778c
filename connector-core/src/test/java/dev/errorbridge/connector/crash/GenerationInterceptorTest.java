package dev.errorbridge.connector.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.localaws.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBus;

/** The in-process crash: a dead generation's clients refuse every call, from then on. */
@ExtendWith(LocalServices.class)
class GenerationInterceptorTest {
  private static LocalAws aws;

  @BeforeAll
  static void start(LocalAws shared) {
    aws = shared;
  }

  @Test
  void call_whenTheGenerationDiesBeforeIt_neverLeavesAndEveryLaterCallIsRefused() {
    Generation generation = new Generation("g", 2, Generation.Phase.BEFORE_TRANSMISSION);
    EventBridgeClient client = generation.run(GenerationInterceptorTest::client);

    client.createEventBus(b -> b.name("before-1"));
    assertThatThrownBy(() -> client.createEventBus(b -> b.name("before-2")))
        .isInstanceOf(ProcessCrash.class);
    assertThatThrownBy(() -> client.createEventBus(b -> b.name("before-3")))
        .isInstanceOf(ProcessCrash.class);

    assertThat(generation.alive()).isFalse();
    assertThat(generation.crashedAt()).contains("before call 2 (EventBridge.CreateEventBus)");
    try (EventBridgeClient outside = client()) {
      assertThat(outside.listEventBuses(b -> b.limit(100)).eventBuses())
          .extracting(EventBus::name)
          .contains("before-1")
          .doesNotContain("before-2", "before-3");
    }
  }

  @Test
  void call_whenTheGenerationDiesAfterItWasServed_tookEffectButItsAnswerIsLost() {
    Generation generation = new Generation("g", 1, Generation.Phase.AFTER_TRANSMISSION);
    EventBridgeClient client = generation.run(GenerationInterceptorTest::client);

    assertThatThrownBy(() -> client.createEventBus(b -> b.name("after-1")))
        .isInstanceOf(ProcessCrash.class);

    try (EventBridgeClient outside = client()) {
      assertThat(outside.listEventBuses(b -> b.limit(100)).eventBuses())
          .extracting(EventBus::name)
          .contains("after-1");
    }
  }

  @Test
  void client_builtOutsideAnyGeneration_isUntouched() {
    Generation generation = new Generation("g", 1, Generation.Phase.BEFORE_TRANSMISSION);
    generation.kill("at once");
    try (EventBridgeClient outside = client()) {
      outside.createEventBus(b -> b.name("outside"));
      assertThat(outside.describeEventBus(b -> b.name("outside")).name()).isEqualTo("outside");
    }
  }

  private static EventBridgeClient client() {
    return EventBridgeClient.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }
}

package dev.errorbridge.connector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The per-connection SDK clients: bounded, forgotten when idle, never closed under a publish. */
class DestinationResourcesTest {
  private static final AwsCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-secret"));

  private final AtomicLong nanos = new AtomicLong();
  private final List<String> made = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();
  private final DestinationResources tiny =
      new DestinationResources(
          this::client, PublisherConfig.defaults(), 2, Duration.ofHours(1), nanos::get);

  @Test
  void forDestination_whenAClientIsEvictedForSizeUnderAPublish_closesItOnlyWhenThePublishEnds() {
    DestinationResources.Lease publishing = tiny.forDestination(destination("c-busy"));

    for (int i = 0; i < 50; i++) {
      for (int use = 0; use < 5; use++) { // used more often than c-busy: c-busy is the victim
        try (DestinationResources.Lease other = tiny.forDestination(destination("c-" + i))) {
          assertThat(other.clientClosed()).isFalse();
        }
      }
    }
    assertThat(tiny.size()).isLessThanOrEqualTo(2);
    try (DestinationResources.Lease next = tiny.forDestination(destination("c-busy"))) {
      assertThat(next.resources().client()).isNotSameAs(publishing.resources().client());
    }
    assertThat(made).filteredOn("c-busy"::equals).as("evicted, then made anew").hasSize(2);
    assertThat(publishing.clientClosed()).as("evicted but still sending").isFalse();

    publishing.close();
    assertThat(publishing.clientClosed()).isTrue();
  }

  @Test
  void forDestination_whenAClientExpiresUnderAPublish_closesItOnlyWhenThePublishEnds() {
    DestinationResources.Lease publishing = tiny.forDestination(destination("c-slow"));

    nanos.addAndGet(Duration.ofHours(2).toNanos());
    assertThat(tiny.size()).isZero();
    assertThat(publishing.clientClosed()).isFalse();

    publishing.close();
    assertThat(closed).containsExactly("c-slow");
  }

  @Test
  void forDestination_whenIdleLongerThanTheSpell_closesTheClientAndMakesANewOne() {
    try (DestinationResources.Lease first = tiny.forDestination(destination("c-1"))) {
      assertThat(first.resources().client()).isNotNull();
    }
    nanos.addAndGet(Duration.ofMinutes(59).toNanos());
    tiny.forDestination(destination("c-1")).close();
    assertThat(made).containsExactly("c-1");

    nanos.addAndGet(Duration.ofMinutes(61).toNanos());
    assertThat(tiny.size()).isZero();
    assertThat(closed).containsExactly("c-1");
    tiny.forDestination(destination("c-1")).close();

    assertThat(made).containsExactly("c-1", "c-1");
  }

  @Test
  void invalidateAndClose_whenAPublishIsSending_closeItsClientWhenItEnds() {
    DestinationResources.Lease one = tiny.forDestination(destination("c-1"));
    DestinationResources.Lease two = tiny.forDestination(destination("c-2"));
    tiny.forDestination(destination("c-3")).close();

    tiny.invalidate("c-1");
    tiny.close();
    assertThat(closed).containsExactly("c-3");

    one.close();
    two.close();
    two.close();
    assertThat(closed).containsExactlyInAnyOrder("c-3", "c-1", "c-2");
  }

  private Destination destination(String connectionId) {
    return Destination.of("tenant-a", connectionId, Region.EU_WEST_1, "errors", KEYS);
  }

  /** A client that records its closing; no call reaches it in these tests. */
  private EventBridgeClient client(Destination destination) {
    made.add(destination.connectionId());
    return new EventBridgeClient() {
      @Override
      public String serviceName() {
        return "events";
      }

      @Override
      public void close() {
        closed.add(destination.connectionId());
      }
    };
  }
}

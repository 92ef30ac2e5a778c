package dev.errorbridge.connector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** The per-connection EventBridge clients against local-aws through the real SDK. */
@ExtendWith(LocalServices.class)
class DefaultEventBridgeClientFactoryTest {
  private static final AccountCredentials ALICE =
      new AccountCredentials("alice-key", "alice-secret", "111111111111");

  private static LocalAws localAws;

  @BeforeAll
  static void startLocalAws(LocalAws shared) {
    localAws = shared;
    localAws.registerCredentials(ALICE);
  }

  @Test
  void create_whenManyConnectionsPublish_startsNoSchedulerThreadsPerClient() {
    DefaultEventBridgeClientFactory factory = new DefaultEventBridgeClientFactory();
    long sdkThreadsBefore = sdkSchedulerThreads();
    List<EventBridgeClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        EventBridgeClient client = factory.create(destination("conn-" + i));
        clients.add(client);
        PutEventsResponse response =
            client.putEvents(
                r ->
                    r.entries(e -> e.source("s").detailType("d").detail("{}"))
                        // as BatchSender bounds each attempt by the caller's deadline: the SDK
                        // schedules the timeout on the client's scheduler
                        .overrideConfiguration(
                            o -> o.apiCallAttemptTimeout(Duration.ofSeconds(5))));
        assertThat(response.failedEntryCount()).isZero();
      }

      assertThat(sdkSchedulerThreads()).isEqualTo(sdkThreadsBefore);
    } finally {
      clients.forEach(EventBridgeClient::close);
    }
  }

  @Test
  void create_whenClientClosed_leavesSharedSchedulerRunning() {
    DefaultEventBridgeClientFactory factory = new DefaultEventBridgeClientFactory();

    factory.create(destination("conn-closed")).close();

    assertThat(SdkScheduler.shared().isShutdown()).isFalse();
    try (EventBridgeClient next = factory.create(destination("conn-next"))) {
      assertThat(next.putEvents(r -> r.entries(e -> e.source("s").detailType("d").detail("{}"))))
          .extracting(PutEventsResponse::failedEntryCount)
          .isEqualTo(0);
    }
  }

  private static Destination destination(String connectionId) {
    return new Destination(
        "tenant-1",
        connectionId,
        Region.US_EAST_1,
        "default",
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ALICE.accessKeyId(), ALICE.secretAccessKey())),
        localAws.endpoint());
  }

  private static long sdkSchedulerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sdk-ScheduledExecutor"))
        .count();
  }
}

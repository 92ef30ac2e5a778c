package dev.errorbridge.connector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestEvents;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.events.DeliveredEvent;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The publisher against local-aws over HTTP through the real SDK, with faults injected per call.
 */
@ExtendWith(LocalServices.class)
class DefaultEventPublisherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AccountCredentials ALICE =
      new AccountCredentials("alice-key", "alice-secret", "111111111111");
  private static final AccountCredentials BOB =
      new AccountCredentials("bob-key", "bob-secret", "222222222222");
  private static final AwsCredentialsProvider ALICE_KEYS = keys(ALICE);
  private static final AwsCredentialsProvider BOB_KEYS = keys(BOB);

  private static LocalAws localAws;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
  private final List<DefaultEventPublisher> publishers = new ArrayList<>();
  private String bus;
  private String inbox;

  @BeforeAll
  static void startLocalAws(LocalAws shared) {
    localAws = shared;
    localAws.registerCredentials(ALICE);
    localAws.registerCredentials(BOB);
  }

  @BeforeEach
  void createBusWithInbox() {
    bus = "errors-" + UUID.randomUUID();
    inbox = routeToInbox(ALICE_KEYS, bus);
  }

  @AfterEach
  void cleanUp() {
    localAws.faults().clear();
    publishers.forEach(DefaultEventPublisher::close);
  }

  @Test
  void publish_whenAllAccepted_deliversEachEventOnceWithItsDetail() throws Exception {
    List<MappedEvent> events = TestEvents.numbered(25);

    PublishReport report = publisher(config()).publish(alice(), events, deadline());

    assertThat(report.allDelivered()).isTrue();
    assertThat(report.requests()).isEqualTo(3);
    assertThat(report.entriesSent()).isEqualTo(25);
    List<DeliveredEvent> delivered = localAws.deliveries().forTarget(inbox);
    assertThat(delivered).hasSize(25);
    // Batches go out concurrently, so arrival order is not input order.
    JsonNode first =
        delivered.stream()
            .map(d -> readTree(d.envelope()))
            .filter(e -> e.get("detail").get("n").asInt() == 0)
            .findFirst()
            .orElseThrow();
    assertThat(first.get("source").asText()).isEqualTo(TestEvents.SOURCE);
    assertThat(first.get("detail-type").asText()).isEqualTo("Workflow Execution Failed");
    assertThat(first.get("account").asText()).isEqualTo(ALICE.accountId());
    assertThat(first.get("time").asText()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(first.get("resources").get(0).asText())
        .isEqualTo("errorbridge:test:execution/evt-0");
    assertThat(first.get("detail")).isEqualTo(JSON.readTree("{\"n\":0}"));
    assertThat(report.delivered())
        .extracting(PublishOutcome.Delivered::awsEventId)
        .containsExactlyInAnyOrderElementsOf(
            delivered.stream().map(d -> id(d.envelope())).toList());
  }

  @Test
  void publish_whenChosenEntriesThrottledTwice_resendsOnlyThoseUntilDelivered() {
    // Faults hit positions within each call: call 1 fails positions 1 and 4 (events 1 and 4); call
    // 2 resends
    // just those two, and its position 1 (event 4) fails again; call 3 resends event 4 alone.
    localAws.faults().inject(Fault.entryError("PutEvents", "ThrottlingException", 1, 4).times(2));

    PublishReport report = publisher(config()).publish(alice(), TestEvents.numbered(5), deadline());

    assertThat(report.allDelivered()).isTrue();
    assertThat(report.requests()).isEqualTo(3);
    assertThat(report.entriesSent()).isEqualTo(5 + 2 + 1);
    assertThat(report.delivered())
        .extracting(PublishOutcome.Delivered::attempts)
        .containsExactly(1, 2, 1, 1, 3);
    assertThat(deliveredDetails()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(clock.slept()).isPositive();
  }

  @Test
  void publish_whenInternalFailureOnEntries_retriesThem() {
    localAws.faults().inject(Fault.entryError("PutEvents", "InternalFailure", 0));

    PublishReport report = publisher(config()).publish(alice(), TestEvents.numbered(3), deadline());

    assertThat(report.allDelivered()).isTrue();
    assertThat(deliveredDetails()).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void publish_whenWholeRequestThrottledOr5xxOrDropped_recovers() {
    localAws
        .faults()
        .inject(
            Fault.throttle("PutEvents"),
            Fault.httpStatus("PutEvents", 503),
            Fault.httpStatus("PutEvents", 500),
            Fault.dropConnection("PutEvents"));

    PublishReport report = publisher(config()).publish(alice(), TestEvents.numbered(4), deadline());

    assertThat(report.allDelivered()).isTrue();
    assertThat(report.delivered()).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(5));
    assertThat(deliveredDetails()).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void publish_whenEntriesDeniedOrMalformed_deadLettersThemWithTheirCodes() {
    localAws.faults().inject(Fault.entryError("PutEvents", "AccessDeniedException", 0));
    List<MappedEvent> events =
        List.of(
            TestEvents.withDetail("denied", "{\"n\":0}"),
            TestEvents.withDetail("fine", "{\"n\":1}"),
            TestEvents.withDetail("malformed", "not json"));

    PublishReport report = publisher(config()).publish(alice(), events, deadline());

    assertThat(report.outcomes().get(1)).isInstanceOf(PublishOutcome.Delivered.class);
    assertThat(report.parked())
        .extracting(o -> ((PublishOutcome.DeadLettered) o).errorCode())
        .containsExactly("AccessDeniedException", "MalformedDetail");
    assertThat(deadLetters.list("tenant-a", "conn-alice", 10))
        .extracting(
            DeadLetter::eventId, DeadLetter::reason, DeadLetter::errorCode, DeadLetter::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "denied", DeadLetterReason.NON_RETRYABLE_ERROR, "AccessDeniedException", 1),
            org.assertj.core.groups.Tuple.tuple(
                "malformed", DeadLetterReason.NON_RETRYABLE_ERROR, "MalformedDetail", 1));
    DeadLetter malformed = deadLetters.list("tenant-a", "conn-alice", 10).get(1);
    assertThat(malformed.entry().detail()).isEqualTo("not json");
    assertThat(malformed.entry().source()).isEqualTo(TestEvents.SOURCE);
    assertThat(report.requests()).isEqualTo(1);
  }

  @Test
  void publish_whenTheBusDoesNotExist_reportsADestinationErrorSoTheConnectionCanBeSuspended() {
    Destination missingBus =
        new Destination(
            "tenant-a",
            "conn-alice",
            Region.US_EAST_1,
            "deleted-by-the-customer",
            ALICE_KEYS,
            localAws.endpoint());

    PublishReport report =
        publisher(config()).publish(missingBus, TestEvents.numbered(2), deadline());

    assertThat(report.destinationError()).isEqualTo("ResourceNotFoundException");
    assertThat(deadLetters.list("tenant-a", "conn-alice", 10))
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.DESTINATION_ERROR));
  }

  @Test
  void publish_whenOnlySomeEntriesAreDenied_reportsThemWithoutBlamingTheDestination() {
    localAws.faults().inject(Fault.entryError("PutEvents", "AccessDeniedException", 0));
    List<MappedEvent> events =
        List.of(
            TestEvents.withDetail("denied", "{\"n\":0}"),
            TestEvents.withDetail("fine", "{\"n\":1}"));

    PublishReport report = publisher(config()).publish(alice(), events, deadline());

    assertThat(report.destinationError()).isNull();
    assertThat(report.outcomes().get(1)).isInstanceOf(PublishOutcome.Delivered.class);
  }

  @Test
  void publish_whenFailuresOutlastTheDeadline_parksThemBeforeItWithoutRealSleeps() {
    localAws.faults().inject(Fault.entryError("PutEvents", "ThrottlingException", 0, 1).always());
    PublisherConfig config =
        config().toBuilder()
            .maxAttempts(100)
            .backoff(Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(2))
            .build();

    PublishReport report =
        publisher(config)
            .publish(alice(), TestEvents.numbered(3), Deadline.after(Duration.ofSeconds(5), clock));

    assertThat(report.outcomes().get(2)).isInstanceOf(PublishOutcome.Delivered.class);
    assertThat(report.parked())
        .allSatisfy(
            o -> {
              PublishOutcome.DeadLettered parked = (PublishOutcome.DeadLettered) o;
              assertThat(parked.reason()).isEqualTo(DeadLetterReason.DEADLINE_EXCEEDED);
              assertThat(parked.errorCode()).isEqualTo("ThrottlingException");
              assertThat(parked.attempts()).isGreaterThan(2);
            });
    assertThat(clock.slept())
        .isLessThan(Duration.ofSeconds(5))
        .isGreaterThan(Duration.ofSeconds(1));
  }

  @Test
  void publish_whenAttemptsRunOut_parksWithRetriesExhausted() {
    localAws.faults().inject(Fault.httpStatus("PutEvents", 500).always());
    PublisherConfig config = config().toBuilder().maxAttempts(3).build();

    PublishReport report = publisher(config).publish(alice(), TestEvents.numbered(2), deadline());

    assertThat(report.requests()).isEqualTo(3);
    assertThat(report.parked())
        .allSatisfy(
            o ->
                assertThat(((PublishOutcome.DeadLettered) o).reason())
                    .isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED));
  }

  @Test
  void publish_whenCredentialsUnknown_parksEverythingOnceAsDestinationError() {
    AwsCredentialsProvider stranger =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "nothing"));
    Destination destination =
        new Destination("tenant-a", "conn-x", Region.US_EAST_1, bus, stranger, localAws.endpoint());

    PublishReport report =
        publisher(config()).publish(destination, TestEvents.numbered(12), deadline());

    assertThat(report.destinationError()).isEqualTo("UnrecognizedClientException");
    assertThat(report.requests()).isEqualTo(2);
    assertThat(report.parked()).hasSize(12);
    assertThat(deadLetters.list("tenant-a", "conn-x", 100))
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.DESTINATION_ERROR));
  }

  @Test
  void publish_whenBusMissing_parksEachEntryWithResourceNotFound() {
    Destination destination =
        new Destination(
            "tenant-a",
            "conn-alice",
            Region.US_EAST_1,
            "no-such-bus",
            ALICE_KEYS,
            localAws.endpoint());

    PublishReport report =
        publisher(config()).publish(destination, TestEvents.numbered(2), deadline());

    assertThat(report.parked())
        .extracting(o -> ((PublishOutcome.DeadLettered) o).errorCode())
        .containsOnly("ResourceNotFoundException");
  }

  @Test
  void publish_whenTwoConnections_signsEachWithItsOwnKeys() throws Exception {
    String bobInbox = routeToInbox(BOB_KEYS, bus);
    DefaultEventPublisher publisher = publisher(config());

    publisher.publish(alice(), TestEvents.numbered(1), deadline());
    publisher.publish(
        new Destination(
            "tenant-b", "conn-bob", Region.US_EAST_1, bus, BOB_KEYS, localAws.endpoint()),
        TestEvents.numbered(2),
        deadline());

    assertThat(localAws.deliveries().forTarget(inbox))
        .singleElement()
        .satisfies(
            d ->
                assertThat(JSON.readTree(d.envelope()).get("account").asText())
                    .isEqualTo(ALICE.accountId()));
    assertThat(localAws.deliveries().forTarget(bobInbox))
        .hasSize(2)
        .allSatisfy(
            d ->
                assertThat(JSON.readTree(d.envelope()).get("account").asText())
                    .isEqualTo(BOB.accountId()));
  }

  @Test
  void publish_whenCircuitOpens_parksWithoutCallingTheDestination() {
    localAws.faults().inject(Fault.httpStatus("PutEvents", 503).times(10));
    PublisherConfig config =
        config().toBuilder()
            .maxAttempts(1)
            .circuitBreaker(2, 2, 50f, Duration.ofMinutes(1))
            .build();
    DefaultEventPublisher publisher = publisher(config);

    publisher.publish(alice(), TestEvents.numbered(1), deadline());
    publisher.publish(alice(), TestEvents.numbered(1), deadline());
    PublishReport third = publisher.publish(alice(), TestEvents.numbered(1), deadline());

    assertThat(third.requests()).isZero();
    assertThat(((PublishOutcome.DeadLettered) third.outcomes().get(0)).reason())
        .isEqualTo(DeadLetterReason.CIRCUIT_OPEN);
    assertThat(localAws.faults().pending().get(0).times()).isEqualTo(8);
  }

  @Test
  void publish_whenOneEntryExceedsTheRequestLimit_itFailsAloneAndItsNeighboursArrive() {
    String huge = "{\"text\":\"" + "x".repeat(300 * 1024) + "\"}";
    List<MappedEvent> events =
        List.of(
            TestEvents.withDetail("a", "{\"n\":0}"),
            TestEvents.withDetail("huge", huge),
            TestEvents.withDetail("b", "{\"n\":2}"));

    PublishReport report = publisher(config()).publish(alice(), events, deadline());

    assertThat(report.outcomes().get(0)).isInstanceOf(PublishOutcome.Delivered.class);
    assertThat(report.outcomes().get(2)).isInstanceOf(PublishOutcome.Delivered.class);
    assertThat(report.outcomes().get(1)).isInstanceOf(PublishOutcome.DeadLettered.class);
    assertThat(deliveredDetails()).containsExactlyInAnyOrder(0, 2);
  }

  private PublisherConfig config() {
    return PublisherConfig.builder()
        .clock(clock)
        .sleeper(clock.sleeper())
        .requestsPerSecond(10_000)
        .build();
  }

  private DefaultEventPublisher publisher(PublisherConfig config) {
    DefaultEventPublisher publisher = new DefaultEventPublisher(config, deadLetters);
    publishers.add(publisher);
    return publisher;
  }

  private Destination alice() {
    return new Destination(
        "tenant-a", "conn-alice", Region.US_EAST_1, bus, ALICE_KEYS, localAws.endpoint());
  }

  private Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(30), clock);
  }

  private List<Integer> deliveredDetails() {
    return localAws.deliveries().forTarget(inbox).stream()
        .map(d -> readTree(d.envelope()).get("detail").get("n").asInt())
        .toList();
  }

  private static String routeToInbox(AwsCredentialsProvider keys, String busName) {
    try (EventBridgeClient admin =
        EventBridgeClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(keys)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      admin.createEventBus(b -> b.name(busName));
      admin.putRule(
          b ->
              b.name("all")
                  .eventBusName(busName)
                  .eventPattern("{\"source\":[{\"prefix\":\"errorbridge.\"}]}"));
      String target =
          "arn:aws:sqs:us-east-1:" + keys.resolveCredentials().accessKeyId() + ":" + busName;
      admin.putTargets(
          b ->
              b.rule("all")
                  .eventBusName(busName)
                  .targets(Target.builder().id("inbox").arn(target).build()));
      return target;
    }
  }

  private static AwsCredentialsProvider keys(AccountCredentials account) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String id(String envelope) {
    return readTree(envelope).get("id").asText();
  }
}

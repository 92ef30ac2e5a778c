package dev.errorbridge.connector.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.publish.PutEventsErrorClassifier;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestEvents;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.events.DeliveredEvent;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The publisher on a PUT_PARTNER_EVENTS destination against local-aws through the real SDK: the
 * same batching, per-entry retry and parking as PutEvents, with PutPartnerEvents' 20 entries and
 * the partner source as each entry's Source.
 */
class PartnerPublishTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AccountCredentials PARTNER =
      new AccountCredentials("partner-key", "partner-secret", "444455556666");
  private static final AccountCredentials CUSTOMER =
      new AccountCredentials("customer-key", "customer-secret", "111122223333");
  private static final String INBOX = "arn:aws:sqs:us-east-1:111122223333:inbox";

  private static LocalAws localAws;
  private static int sources;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
  private DefaultEventPublisher publisher;
  private String source;

  @BeforeAll
  static void startLocalAws() {
    localAws =
        LocalAws.start(LocalAwsConfig.builder().credentials(PARTNER).credentials(CUSTOMER).build());
  }

  @AfterAll
  static void stopLocalAws() {
    localAws.close();
  }

  @BeforeEach
  void associatedSource() {
    source = "aws.partner/errorbridge.example.com/test/conn-" + (++sources);
    try (EventBridgeClient partner = client(PARTNER);
        EventBridgeClient customer = client(CUSTOMER)) {
      partner.createPartnerEventSource(r -> r.name(source).account(CUSTOMER.accountId()));
      customer.createEventBus(r -> r.name(source).eventSourceName(source));
      customer.putRule(
          r ->
              r.name("all")
                  .eventBusName(source)
                  .eventPattern("{\"source\":[{\"prefix\":\"aws.partner/\"}]}"));
      customer.putTargets(
          r ->
              r.rule("all")
                  .eventBusName(source)
                  .targets(Target.builder().id("inbox").arn(INBOX).build()));
    }
    localAws.deliveries().clear();
    publisher =
        new DefaultEventPublisher(
            PublisherConfig.builder().clock(clock).sleeper(clock.sleeper()).build(),
            deadLetters,
            new DefaultEventBridgeClientFactory(),
            new PutEventsErrorClassifier());
  }

  @AfterEach
  void closePublisher() {
    publisher.close();
    localAws.faults().clear();
  }

  @Test
  void publish_whenMoreThanTwentyEvents_sendsTwentyACallWithThePartnerSourceAsSource()
      throws Exception {
    PublishReport report = publish(TestEvents.numbered(25));

    assertThat(report.allDelivered()).isTrue();
    assertThat(report.requests()).isEqualTo(2);
    assertThat(report.entriesPerRequest()).isEqualTo(12.5);
    List<DeliveredEvent> inbox = localAws.deliveries().forTarget(INBOX);
    assertThat(inbox).hasSize(25);
    assertThat(inbox)
        .allSatisfy(
            e -> {
              var envelope = JSON.readTree(e.envelope());
              assertThat(envelope.path("source").asText()).isEqualTo(source);
              assertThat(envelope.path("account").asText()).isEqualTo(CUSTOMER.accountId());
              assertThat(envelope.path("resources").get(0).asText())
                  .startsWith("errorbridge:test:execution/evt-");
            });
  }

  @Test
  void publish_whenEntriesFailRetryably_resendsOnlyThoseUntilDelivered() {
    localAws
        .faults()
        .inject(Fault.entryError("PutPartnerEvents", "ThrottlingException", 0, 1).times(2));

    PublishReport report = publish(TestEvents.numbered(5));

    assertThat(report.outcomes())
        .allSatisfy(o -> assertThat(o).isInstanceOf(PublishOutcome.Delivered.class))
        .extracting(o -> ((PublishOutcome.Delivered) o).attempts())
        .containsExactly(3, 3, 1, 1, 1);
    assertThat(report.requests()).isEqualTo(3);
    assertThat(report.entriesSent()).isEqualTo(9);
    assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(5);
    assertThat(clock.slept()).isPositive();
  }

  @Test
  void publish_whenAnEntryFailsForGood_parksOnlyItWithItsCode() {
    localAws.faults().inject(Fault.entryError("PutPartnerEvents", "MalformedDetail", 2));

    PublishReport report = publish(TestEvents.numbered(4));

    assertThat(report.delivered()).hasSize(3);
    assertThat(report.parked())
        .singleElement()
        .isInstanceOfSatisfying(
            PublishOutcome.DeadLettered.class,
            parked -> {
              assertThat(parked.eventId()).isEqualTo("evt-2");
              assertThat(parked.reason()).isEqualTo(DeadLetterReason.NON_RETRYABLE_ERROR);
              assertThat(parked.errorCode()).isEqualTo("MalformedDetail");
            });
    assertThat(deadLetters.list("tenant", "conn", 10)).hasSize(1);
  }

  @Test
  void publish_whenTheBatchIsLarge_countsEachEntryWithTheLongerPartnerSource() {
    // Two entries that fit a 1024-byte request under errorbridge.test but not under the partner
    // source: the batcher splits them, so neither call is refused as too large.
    // 87 bytes of Time, Source, DetailType and resource, 8 of JSON around the padding: 500 each.
    String detail = "{\"x\":\"" + "a".repeat(405) + "\"}";
    MappedEvent first = TestEvents.withDetail("big-1", detail);
    MappedEvent second = TestEvents.withDetail("big-2", detail);
    assertThat(first.sizeBytes()).isEqualTo(500);
    assertThat(source.length() - TestEvents.SOURCE.length()).isGreaterThan(12);
    publisher.close();
    publisher =
        new DefaultEventPublisher(
            PublisherConfig.builder()
                .clock(clock)
                .sleeper(clock.sleeper())
                .maxRequestBytes(1024)
                .build(),
            deadLetters,
            new DefaultEventBridgeClientFactory(),
            new PutEventsErrorClassifier());

    PublishReport report = publish(List.of(first, second));

    assertThat(report.allDelivered()).isTrue();
    assertThat(report.requests()).isEqualTo(2);
  }

  private PublishReport publish(List<MappedEvent> events) {
    Destination destination =
        new Destination(
            "tenant",
            "conn",
            Region.US_EAST_1,
            source,
            keys(PARTNER),
            localAws.endpoint(),
            Destination.Api.PUT_PARTNER_EVENTS);
    return publisher.publish(destination, events, Deadline.after(Duration.ofSeconds(30), clock));
  }

  private static StaticCredentialsProvider keys(AccountCredentials account) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
  }

  private static EventBridgeClient client(AccountCredentials account) {
    return EventBridgeClient.builder()
        .endpointOverride(localAws.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(keys(account))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}

package dev.errorbridge.localaws.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import dev.errorbridge.localaws.contract.LocalAwsEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.EventSourceState;
import software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * A deactivated partner event source is deleted two weeks later (API_DeactivateEventSource),
 * measured on local-aws's clock; and PutPartnerEvents' size limit.
 */
class PartnerEventSourceExpiryTest {
  private static final String SOURCE = "aws.partner/errorbridge.dev/tnt_1/conn_1";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private LocalAwsEndpoint aws;
  private EventBridgeClient partner;
  private EventBridgeClient customer;

  @BeforeEach
  void start() {
    // The clock moves by weeks; the SDK signs with the real time, so skew is not what is tested.
    aws =
        new LocalAwsEndpoint(
            LocalAwsConfig.builder().clock(clock).maxClockSkew(Duration.ofDays(3650)));
    partner = aws.eventBridge(Account.PRIMARY);
    customer = aws.eventBridge(Account.OTHER);
    partner.createPartnerEventSource(
        b -> b.name(SOURCE).account(LocalAwsEndpoint.OTHER.accountId()));
    customer.createEventBus(b -> b.name(SOURCE).eventSourceName(SOURCE));
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void deactivateEventSource_whenPendingTwoWeeks_theSourceIsDeleted() {
    customer.deactivateEventSource(b -> b.name(SOURCE));
    Instant expires = customer.describeEventSource(b -> b.name(SOURCE)).expirationTime();
    assertThat(expires).isEqualTo(clock.instant().plus(Duration.ofDays(14)));

    clock.set(expires.minusSeconds(1));
    assertThat(customer.describeEventSource(b -> b.name(SOURCE)).state())
        .isEqualTo(EventSourceState.PENDING);
    assertThat(putOne().failedEntryCount()).isZero();

    clock.set(expires);
    assertThat(customer.describeEventSource(b -> b.name(SOURCE)).state())
        .isEqualTo(EventSourceState.DELETED);
    assertThatThrownBy(() -> partner.describePartnerEventSource(b -> b.name(SOURCE)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(putOne().entries().get(0).errorCode()).isEqualTo("NotAuthorizedForSourceException");
  }

  @Test
  void activateEventSource_whenActivatedBeforeExpiry_theSourceNeverExpires() {
    customer.deactivateEventSource(b -> b.name(SOURCE));
    customer.activateEventSource(b -> b.name(SOURCE));

    clock.set(clock.instant().plus(Duration.ofDays(30)));

    var described = customer.describeEventSource(b -> b.name(SOURCE));
    assertThat(described.state()).isEqualTo(EventSourceState.ACTIVE);
    assertThat(described.expirationTime()).isNull();
  }

  @Test
  void putPartnerEvents_whenEntriesExceedTheSizeLimit_throws413() {
    String detail =
        "{\"text\":\"" + "x".repeat(LocalAwsConfig.DEFAULT_MAX_ENTRY_SIZE_BYTES) + "\"}";

    assertThatThrownBy(
            () ->
                partner.putPartnerEvents(
                    b -> b.entries(e -> e.source(SOURCE).detailType("x").detail(detail))))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("RequestEntityTooLargeException");
            });
  }

  private PutPartnerEventsResponse putOne() {
    return partner.putPartnerEvents(
        b -> b.entries(e -> e.source(SOURCE).detailType("Workflow Execution Failed").detail("{}")));
  }

  /** A clock the test sets by hand. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

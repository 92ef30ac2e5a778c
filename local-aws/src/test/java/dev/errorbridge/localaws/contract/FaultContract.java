package dev.errorbridge.localaws.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Deterministic faults, as the connector's reliability tests use them. */
public abstract class FaultContract {
  protected abstract ContractEndpoint endpoint();

  private EventBridgeClient events;
  private String bus;

  @BeforeEach
  void setUp() {
    assumeTrue(endpoint().injectsFaults(), "this endpoint cannot inject faults");
    events = endpoint().eventBridge(Account.PRIMARY);
    bus = "faults-" + UUID.randomUUID();
    events.createEventBus(b -> b.name(bus));
  }

  @AfterEach
  void clearFaults() {
    if (endpoint().injectsFaults()) {
      endpoint().clearFaults();
    }
  }

  @Test
  void putEvents_whenEntryFaultForThreeCalls_failsExactlyThoseEntriesThreeTimes() {
    endpoint().injectFault(Fault.entryError("PutEvents", "ThrottlingException", 1, 4).times(3));

    for (int call = 0; call < 3; call++) {
      PutEventsResponse response = putFive();
      assertThat(response.failedEntryCount()).isEqualTo(2);
      assertThat(response.entries())
          .extracting(PutEventsResultEntry::errorCode)
          .containsExactly(null, "ThrottlingException", null, null, "ThrottlingException");
    }
    assertThat(putFive().failedEntryCount()).isZero();
  }

  @Test
  void putEvents_whenEntryFaultIsInternalFailureOrAccessDenied_reportsThatCode() {
    endpoint().injectFault(Fault.entryError("PutEvents", "InternalFailure", 0));
    endpoint().injectFault(Fault.entryError("PutEvents", "AccessDeniedException", 2));

    assertThat(putFive().entries())
        .extracting(PutEventsResultEntry::errorCode)
        .containsExactly("InternalFailure", null, "AccessDeniedException", null, null);
  }

  @Test
  void putEvents_whenThrottled_failsTheWholeRequestOnce() {
    endpoint().injectFault(Fault.throttle("PutEvents"));

    assertThatThrownBy(this::putFive)
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              assertThat(e.isThrottlingException()).isTrue();
            });
    assertThat(putFive().failedEntryCount()).isZero();
  }

  @Test
  void putEvents_whenHttp500Or503_failsWithThatStatus() {
    endpoint().injectFault(Fault.httpStatus("PutEvents", 500));
    endpoint().injectFault(Fault.httpStatus("PutEvents", 503));

    assertThatThrownBy(this::putFive)
        .isInstanceOfSatisfying(
            EventBridgeException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThatThrownBy(this::putFive)
        .isInstanceOfSatisfying(
            EventBridgeException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
  }

  @Test
  void putEvents_whenConnectionDropped_failsAsClientError() {
    endpoint().injectFault(Fault.dropConnection("PutEvents"));

    assertThatThrownBy(this::putFive).isInstanceOf(SdkClientException.class);
    assertThat(putFive().failedEntryCount()).isZero();
  }

  @Test
  void putEvents_whenLatencyExceedsAttemptTimeout_timesOut() {
    endpoint().injectFault(Fault.latency("PutEvents", Duration.ofSeconds(5)));
    EventBridgeClient impatient =
        EventBridgeClient.builder()
            .endpointOverride(endpoint().endpoint())
            .region(endpoint().region())
            .credentialsProvider(() -> endpoint().credentials(Account.PRIMARY))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(b -> b.maxAttempts(1))
                        .apiCallAttemptTimeout(Duration.ofMillis(300)))
            .build();

    assertThatThrownBy(() -> impatient.putEvents(b -> b.entries(entries(1))))
        .isInstanceOf(ApiCallAttemptTimeoutException.class);
  }

  @Test
  void faults_whenForAnotherOperation_leavePutEventsAlone() {
    endpoint().injectFault(Fault.throttle("ListEventBuses").always());

    assertThat(putFive().failedEntryCount()).isZero();
    assertThatThrownBy(() -> events.listEventBuses(b -> {}))
        .isInstanceOf(EventBridgeException.class);
  }

  @Test
  void kmsEncrypt_whenThrottled_failsOnceThenSucceeds() {
    endpoint().injectFault(Fault.throttle("Encrypt"));
    KmsClient kms = endpoint().kms(Account.PRIMARY);
    String keyId = kms.createKey(b -> b.description("faults")).keyMetadata().keyId();
    SdkBytes secret = SdkBytes.fromUtf8String("s3cr3t");

    assertThatThrownBy(() -> kms.encrypt(b -> b.keyId(keyId).plaintext(secret)))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
    assertThat(kms.encrypt(b -> b.keyId(keyId).plaintext(secret)).ciphertextBlob()).isNotNull();
  }

  private PutEventsResponse putFive() {
    return events.putEvents(b -> b.entries(entries(5)));
  }

  private List<PutEventsRequestEntry> entries(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                PutEventsRequestEntry.builder()
                    .eventBusName(bus)
                    .source("errorbridge.test")
                    .detailType("Workflow Execution Failed")
                    .detail("{\"i\":" + i + "}")
                    .build())
        .toList();
  }
}

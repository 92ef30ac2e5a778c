package dev.errorbridge.localaws.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.localaws.LocalAwsConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private final FaultInjector faults = new FaultInjector();

  @Test
  void takeRequestFault_whenInjectedForTwoCalls_firesTwiceThenStops() {
    faults.inject(Fault.throttle("PutEvents").times(2));

    assertThat(faults.takeRequestFault("PutEvents")).isNotNull();
    assertThat(faults.takeRequestFault("PutEvents")).isNotNull();
    assertThat(faults.takeRequestFault("PutEvents")).isNull();
  }

  @Test
  void takeRequestFault_whenOtherOperation_leavesTheFaultPending() {
    faults.inject(Fault.httpStatus("Encrypt", 503));

    assertThat(faults.takeRequestFault("PutEvents")).isNull();
    assertThat(faults.pending()).hasSize(1);
  }

  @Test
  void takeRequestFault_whenWildcard_matchesAnyOperation() {
    faults.inject(Fault.dropConnection("*").always());

    assertThat(faults.takeRequestFault("Decrypt").kind()).isEqualTo(Fault.Kind.DROP_CONNECTION);
    assertThat(faults.takeRequestFault("PutEvents").kind()).isEqualTo(Fault.Kind.DROP_CONNECTION);
    assertThat(faults.pending()).hasSize(1);
  }

  @Test
  void takeEntryFaults_whenTwoFaultsOverlap_firstInjectedWinsPerEntry() {
    faults.inject(
        Fault.entryError("PutEvents", "ThrottlingException", 1, 4),
        Fault.entryError("PutEvents", "InternalFailure", 4, 5));

    var byEntry = faults.takeEntryFaults("PutEvents");

    assertThat(byEntry).containsOnlyKeys(1, 4, 5);
    assertThat(byEntry.get(4).errorCode()).isEqualTo("ThrottlingException");
    assertThat(byEntry.get(5).errorCode()).isEqualTo("InternalFailure");
    assertThat(faults.takeEntryFaults("PutEvents")).isEmpty();
  }

  @Test
  void takeLatency_whenTwoLatencyFaults_sumsThem() {
    faults.inject(
        Fault.latency("PutEvents", Duration.ofMillis(100)),
        Fault.latency("*", Duration.ofMillis(50)));

    assertThat(faults.takeLatency("PutEvents")).isEqualTo(Duration.ofMillis(150));
    assertThat(faults.takeLatency("PutEvents")).isZero();
  }

  @Test
  void newFault_whenEntryErrorIncomplete_reportsEveryProblem() {
    assertThatThrownBy(
            () ->
                new Fault(
                    "Encrypt", Fault.Kind.ENTRY_ERROR, 0, null, java.util.List.of(25), 0, null))
        .isInstanceOf(LocalAwsConfigException.class)
        .hasMessageContaining("times must be at least 1")
        .hasMessageContaining("errorCode is required")
        .hasMessageContaining("between 0 and 19")
        .hasMessageContaining("PutEvents and PutPartnerEvents only");
  }

  @Test
  void entryError_whenPutEventsIndexBeyondTen_isRefused() {
    assertThatThrownBy(() -> Fault.entryError("PutEvents", "ThrottlingException", 12))
        .isInstanceOf(LocalAwsConfigException.class)
        .hasMessageContaining("between 0 and 9");
  }

  @Test
  void entryError_whenPutPartnerEventsIndexUpToNineteen_isTakenByThatOperationOnly() {
    FaultInjector faults = new FaultInjector();
    faults.inject(Fault.entryError("PutPartnerEvents", "InternalFailure", 19));

    assertThat(faults.takeEntryFaults("PutEvents")).isEmpty();
    assertThat(faults.takeEntryFaults("PutPartnerEvents")).containsOnlyKeys(19);
  }

  @Test
  void httpStatus_whenNot5xx_isRefused() {
    assertThatThrownBy(() -> Fault.httpStatus("PutEvents", 404))
        .hasMessageContaining("httpStatus must be a 5xx status");
  }
}

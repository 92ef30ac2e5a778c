package dev.errorbridge.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionHealthTrackerReasonTest {

  @Test
  void withReenableStep_whenTheReasonAlreadySaysIt_keepsItOnce() {
    String reason =
        "STS answered AccessDenied. In the role's trust policy, allow Errorbridge's AWS account the"
            + " action sts:AssumeRole, then enable the connection again.";

    assertThat(ConnectionHealthTracker.withReenableStep(reason)).isEqualTo(reason);
  }

  @Test
  void withReenableStep_whenTheReasonEndsWithAPeriod_addsTheStepWithoutADoublePeriod() {
    assertThat(ConnectionHealthTracker.withReenableStep("the bus errors does not exist."))
        .isEqualTo("the bus errors does not exist. Fix it, then enable the connection again");
  }

  @Test
  void withReenableStep_whenTheReasonHasNoStep_addsIt() {
    assertThat(ConnectionHealthTracker.withReenableStep("AccessDeniedException on PutEvents"))
        .isEqualTo("AccessDeniedException on PutEvents. Fix it, then enable the connection again");
  }
}

package dev.errorbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RequestGateTest {
  @Test
  void awaitIdle_whenARequestIsInFlight_waitsForItThenRefusesNewOnes() throws Exception {
    RequestGate gate = new RequestGate();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread request =
        new Thread(
            () -> {
              try {
                gate.guard(
                        ctx -> {
                          inside.countDown();
                          release.await();
                        })
                    .handle(null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    request.start();
    inside.await();
    gate.close();
    assertThat(gate.isOpen()).isFalse();
    assertThat(gate.inFlight()).isEqualTo(1);
    assertThat(gate.awaitIdle(Duration.ofMillis(50))).isFalse();
    release.countDown();
    assertThat(gate.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(gate.inFlight()).isZero();
  }
}

package dev.errorbridge.connector.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Polls for a value until it is acceptable, and returns it. Awaitility's own {@code until(Callable,
 * Predicate)} describes a mismatch through Hamcrest 2, which DynamoDB Local's Hamcrest 1.1 shadows
 * on this module's test classpath ({@code NoSuchMethodError} on the first miss).
 */
public final class AwaitValue {
  private AwaitValue() {}

  /**
   * @param alias what is awaited, for the timeout's message
   */
  public static <T> T until(
      String alias, Duration atMost, Callable<T> supplier, Predicate<? super T> acceptable) {
    AtomicReference<T> accepted = new AtomicReference<>();
    Awaitility.await(alias)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              T value = supplier.call();
              if (!acceptable.test(value)) {
                return false;
              }
              accepted.set(value);
              return true;
            });
    return accepted.get();
  }
}

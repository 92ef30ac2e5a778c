package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void getBody_whenWithinTheLimit_isTheBytes() {
    BoundedBody body = new BoundedBody(8);
    body.onSubscribe(subscription(new AtomicBoolean()));
    body.onNext(List.of(bytes("{\"a\":"), bytes("1}")));
    body.onComplete();

    assertThat(body.getBody().toCompletableFuture().join())
        .isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void getBody_whenPastTheLimit_failsAndCancelsTheStream() {
    AtomicBoolean cancelled = new AtomicBoolean();
    BoundedBody body = new BoundedBody(8);
    body.onSubscribe(subscription(cancelled));
    body.onNext(List.of(bytes("12345")));
    body.onNext(List.of(bytes("6789")));
    body.onNext(List.of(bytes("more")));

    assertThat(body.getBody().toCompletableFuture())
        .isCompletedExceptionally()
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(BoundedBody.BodyTooLargeException.class);
    assertThat(cancelled).isTrue();
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Flow.Subscription subscription(AtomicBoolean cancelled) {
    return new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {
        cancelled.set(true);
      }
    };
  }
}

package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand; its {@link #sleeper()} advances it instead of waiting. */
public final class MutableClock extends Clock {
  private final AtomicLong nanosSinceStart = new AtomicLong();
  private final AtomicLong sleptNanos = new AtomicLong();
  private final Instant start;

  public MutableClock(Instant start) {
    this.start = start;
  }

  public void advance(Duration duration) {
    nanosSinceStart.addAndGet(duration.toNanos());
  }

  /** A sleeper that returns at once, having moved this clock forward by the requested time. */
  public Sleeper sleeper() {
    return duration -> {
      sleptNanos.addAndGet(duration.toNanos());
      advance(duration);
    };
  }

  /** The total time "slept" through {@link #sleeper()}. */
  public Duration slept() {
    return Duration.ofNanos(sleptNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanosSinceStart.get());
  }
}

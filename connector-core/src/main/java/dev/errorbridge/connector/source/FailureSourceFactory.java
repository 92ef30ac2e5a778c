package dev.errorbridge.connector.source;

/** Builds the {@link FailureSource} of a connection; the poll engine's seam for tests. */
@FunctionalInterface
public interface FailureSourceFactory {

  /**
   * The source reading {@code connection}'s platform.
   *
   * @throws IllegalArgumentException for a platform that is not polled ({@code WEBHOOK})
   */
  FailureSource create(SourceConnection connection);
}

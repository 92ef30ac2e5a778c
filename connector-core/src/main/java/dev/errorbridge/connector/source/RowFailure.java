package dev.errorbridge.connector.source;

import java.util.Objects;

/**
 * A list row a scan could not read: a required field missing or of the wrong type, a run detail
 * that contradicts the listed run, a row too large to read. The row fails alone: the scan reads the
 * rest of the window, and the engine reports the row on the connection. Nothing of it was
 * published, and it is read again by every scan whose window still holds it (the lookback), so a
 * passing inconsistency heals by itself.
 *
 * @param executionId the run the row names, or {@code null} when it names none that could be read
 * @param message what was wrong, naming the platform, the connection, the endpoint and the field
 *     (never the key or the platform's error texts)
 */
public record RowFailure(String executionId, String message) {

  public RowFailure {
    Objects.requireNonNull(message, "message");
  }

  /**
   * The row at {@code position} (1-based) of a listing that is larger than {@code limitBytes} even
   * alone: it cannot be read through the API at all, so it is skipped and reported.
   */
  public static RowFailure tooLarge(
      dev.errorbridge.connector.Platform platform,
      String connectionId,
      String endpoint,
      long position,
      int limitBytes) {
    return new RowFailure(
        null,
        SourceException.displayName(platform)
            + " connection "
            + connectionId
            + ", "
            + endpoint
            + ": the row at position "
            + position
            + " of the listing is larger than "
            + (limitBytes >> 20)
            + " MiB even alone, the most Errorbridge reads of one response; it was skipped (its"
            + " run cannot be read through the API; look it up in the platform's console)");
  }

  /**
   * The failure of the row of run {@code executionId} (or of no readable run) that {@code e} read.
   */
  public static RowFailure of(String executionId, SourceResponseInvalidException e) {
    return new RowFailure(
        executionId,
        SourceException.displayName(e.platform())
            + " connection "
            + e.connectionId()
            + (e.endpoint() == null ? "" : ", " + e.endpoint())
            + ": "
            + (executionId == null ? "a row" : "run " + executionId)
            + " could not be read ("
            + (e.field() == null ? "the body " : "field " + e.field() + " ")
            + e.problem()
            + ")");
  }
}

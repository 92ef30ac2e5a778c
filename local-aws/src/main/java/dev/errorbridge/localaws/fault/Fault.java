package dev.errorbridge.localaws.fault;

import dev.errorbridge.localaws.LocalAwsConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A deterministic fault for the next {@code times} calls of one operation ({@code "*"} for all).
 *
 * <p>Example: fail the 2nd and 5th entries of the next 3 {@code PutEvents} calls with throttling:
 *
 * <pre>{@code
 * localAws.faults().inject(Fault.entryError("PutEvents", "ThrottlingException", 1, 4).times(3));
 * }</pre>
 *
 * @param operation the operation name as in {@code X-Amz-Target} after the dot, or {@code *}
 * @param kind what goes wrong
 * @param times how many matching calls it affects; {@link #UNLIMITED} for every one
 * @param errorCode the per-entry error code ({@link Kind#ENTRY_ERROR} only)
 * @param entries zero-based indexes of the failed entries ({@link Kind#ENTRY_ERROR} only)
 * @param httpStatus the status answered ({@link Kind#HTTP_STATUS} only)
 * @param latency the delay added before the call is served ({@link Kind#LATENCY} only)
 */
public record Fault(
    String operation,
    Kind kind,
    int times,
    String errorCode,
    List<Integer> entries,
    int httpStatus,
    Duration latency) {

  /** The operations whose entries can fail one by one, and {@code *} for both. */
  private static final Set<String> ENTRY_OPERATIONS = Set.of("PutEvents", "PutPartnerEvents", "*");

  /** {@link #times()} for a fault that never runs out. */
  public static final int UNLIMITED = -1;

  /** What goes wrong. */
  public enum Kind {
    /** The whole request fails with {@code ThrottlingException} (HTTP 400), as AWS throttles. */
    THROTTLE,
    /**
     * The whole request fails with an HTTP 5xx ({@code InternalException} / {@code
     * ServiceUnavailable}).
     */
    HTTP_STATUS,
    /** The connection is closed without a response. */
    DROP_CONNECTION,
    /** The call is served after a delay. */
    LATENCY,
    /**
     * Chosen {@code PutEvents} or {@code PutPartnerEvents} entries fail with an error code; the
     * others succeed.
     */
    ENTRY_ERROR
  }

  public Fault {
    entries = entries == null ? List.of() : List.copyOf(entries);
    StringBuilder problems = new StringBuilder();
    if (operation == null || operation.isBlank()) {
      problems.append("operation must name an operation such as PutEvents, or '*'; ");
    }
    if (kind == null) {
      problems.append(
          "kind must be one of THROTTLE, HTTP_STATUS, DROP_CONNECTION, LATENCY, ENTRY_ERROR; ");
    }
    if (times == 0 || times < UNLIMITED) {
      problems.append("times must be at least 1, or -1 for unlimited; ");
    }
    if (kind == Kind.ENTRY_ERROR) {
      if (errorCode == null || errorCode.isBlank()) {
        problems.append("errorCode is required for ENTRY_ERROR, e.g. ThrottlingException; ");
      }
      // PutEvents takes up to 10 entries, PutPartnerEvents up to 20.
      int maxIndex = "PutEvents".equals(operation) ? 9 : 19;
      if (entries.isEmpty() || entries.stream().anyMatch(i -> i < 0 || i > maxIndex)) {
        problems.append(
            "entries must list zero-based entry indexes between 0 and " + maxIndex + "; ");
      }
      if (operation != null && !ENTRY_OPERATIONS.contains(operation)) {
        problems.append("ENTRY_ERROR applies to PutEvents and PutPartnerEvents only; ");
      }
    }
    if (kind == Kind.HTTP_STATUS && (httpStatus < 500 || httpStatus > 599)) {
      problems.append("httpStatus must be a 5xx status such as 500 or 503; ");
    }
    if (kind == Kind.LATENCY && (latency == null || latency.isNegative() || latency.isZero())) {
      problems.append("latency must be a positive duration; ");
    }
    if (problems.length() > 0) {
      throw new LocalAwsConfigException(
          "Invalid fault: " + problems.substring(0, problems.length() - 2));
    }
  }

  public static Fault throttle(String operation) {
    return new Fault(operation, Kind.THROTTLE, 1, null, List.of(), 0, null);
  }

  public static Fault httpStatus(String operation, int status) {
    return new Fault(operation, Kind.HTTP_STATUS, 1, null, List.of(), status, null);
  }

  public static Fault dropConnection(String operation) {
    return new Fault(operation, Kind.DROP_CONNECTION, 1, null, List.of(), 0, null);
  }

  public static Fault latency(String operation, Duration delay) {
    return new Fault(operation, Kind.LATENCY, 1, null, List.of(), 0, delay);
  }

  /**
   * Fails the entries at these zero-based indexes with {@code errorCode} (e.g. {@code
   * ThrottlingException}, {@code InternalFailure}, {@code AccessDeniedException}); entries outside
   * the request are ignored.
   */
  public static Fault entryError(String operation, String errorCode, Integer... entries) {
    return new Fault(operation, Kind.ENTRY_ERROR, 1, errorCode, List.of(entries), 0, null);
  }

  /** The same fault for the next {@code calls} matching calls. */
  public Fault times(int calls) {
    return new Fault(operation, kind, calls, errorCode, entries, httpStatus, latency);
  }

  /** The same fault for every matching call until cleared. */
  public Fault always() {
    return times(UNLIMITED);
  }

  boolean appliesTo(String calledOperation) {
    return "*".equals(operation) || operation.equals(calledOperation);
  }
}

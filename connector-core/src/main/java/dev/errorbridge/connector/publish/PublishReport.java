package dev.errorbridge.connector.publish;

import java.util.List;

/**
 * Every event's outcome, in input order, and what it took.
 *
 * @param outcomes one per input event, in input order
 * @param requests how many {@code PutEvents} calls were made
 * @param entriesSent how many entries those calls carried in total (retried entries count again)
 * @param destinationError the request-level error that made the destination refuse everything for
 *     good (e.g. {@code UnrecognizedClientException}), or {@code null}; a caller marks the
 *     connection in error
 */
public record PublishReport(
    List<PublishOutcome> outcomes, int requests, int entriesSent, String destinationError) {

  /** No event, no call. */
  public static final PublishReport EMPTY = new PublishReport(List.of(), 0, 0, null);

  public PublishReport {
    outcomes = List.copyOf(outcomes);
  }

  public List<PublishOutcome.Delivered> delivered() {
    return outcomes.stream()
        .filter(PublishOutcome.Delivered.class::isInstance)
        .map(PublishOutcome.Delivered.class::cast)
        .toList();
  }

  /** The events parked in the dead-letter store, sent or not. */
  public List<PublishOutcome> parked() {
    return outcomes.stream().filter(o -> !(o instanceof PublishOutcome.Delivered)).toList();
  }

  public boolean allDelivered() {
    return parked().isEmpty();
  }

  /** Mean entries per {@code PutEvents} call; 10 means every call was full. */
  public double entriesPerRequest() {
    return requests == 0 ? 0 : (double) entriesSent / requests;
  }
}

package dev.errorbridge.connector.deadletter;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * An event that was not delivered, kept with everything needed to replay it and to tell the
 * customer why.
 *
 * @param tenantId the tenant that owns the connection
 * @param connectionId the connection the event was for
 * @param eventId the event's deterministic id
 * @param reason why it was parked
 * @param errorCode the last error code from EventBridge or the SDK, or {@code null}
 * @param errorMessage the last error message (never event content), or {@code null}
 * @param attempts how many {@code PutEvents} calls carried it (0 if it was never sent)
 * @param parkedAt when it was parked
 * @param entry the entry to resend on replay, or {@code null} when the event could not be built
 *     (too large)
 */
public record DeadLetter(
    String tenantId,
    String connectionId,
    String eventId,
    DeadLetterReason reason,
    String errorCode,
    String errorMessage,
    int attempts,
    Instant parkedAt,
    Entry entry) {

  /**
   * The {@code PutEvents} entry as it was sent (without the bus, which belongs to the connection).
   *
   * @param source the entry's {@code Source}
   * @param detailType its {@code DetailType}
   * @param detail its {@code Detail} JSON
   * @param resources its {@code Resources}
   * @param time its {@code Time}, or {@code null}
   */
  public record Entry(
      String source, String detailType, String detail, List<String> resources, Instant time) {
    public Entry {
      resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** The entry of {@code put}, as it would be sent (its bus aside). */
    public static Entry of(PutEventsRequestEntry put) {
      return new Entry(put.source(), put.detailType(), put.detail(), put.resources(), put.time());
    }
  }
}

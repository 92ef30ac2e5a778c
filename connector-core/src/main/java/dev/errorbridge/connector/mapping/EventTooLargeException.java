package dev.errorbridge.connector.mapping;

/**
 * A failure's event is over the size budget even after everything the mapper may drop or cut was
 * dropped or cut: what is left (ids, names, status, URLs) is too big on its own. The message names
 * the event id, the size reached and the limit, and never carries payload text.
 */
public class EventTooLargeException extends RuntimeException {
  private final String eventId;
  private final long sizeBytes;
  private final long limitBytes;

  public EventTooLargeException(String eventId, long sizeBytes, long limitBytes) {
    super(
        "Event "
            + eventId
            + " is still "
            + sizeBytes
            + " bytes (AWS entry size formula) after dropping the raw payload and step"
            + " input/output, cutting error texts and omitting every failed step that did not fit;"
            + " the limit, maxEntrySizeBytes, is "
            + limitBytes
            + ". What remains are ids, names, status and URLs. Raise maxEntrySizeBytes in the"
            + " connection's MappingOptions (up to "
            + MappingOptions.MAX_ENTRY_SIZE_BYTES
            + ", EventBridge's 1 MB limit, if the destination bus accepts it), or have the source"
            + " report shorter workflow and step names.");
    this.eventId = eventId;
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }

  /** The id of the event that did not fit. */
  public String eventId() {
    return eventId;
  }

  /** The smallest size the mapper reached, by AWS's formula. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** The budget it had to fit. */
  public long limitBytes() {
    return limitBytes;
  }
}

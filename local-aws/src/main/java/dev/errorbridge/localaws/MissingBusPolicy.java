package dev.errorbridge.localaws;

/** What {@code PutEvents} does with an entry addressed to a bus that does not exist. */
public enum MissingBusPolicy {
  /** The entry fails with {@code ResourceNotFoundException}; the safe default for tests. */
  REJECT,
  /**
   * The entry gets an {@code EventId} and is dropped, which is what real EventBridge has been
   * reported to do (aws/aws-sdk#186), so a connector can be tested against that trap too.
   */
  ACCEPT_SILENTLY
}

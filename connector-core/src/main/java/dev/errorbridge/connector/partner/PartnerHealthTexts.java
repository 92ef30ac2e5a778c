package dev.errorbridge.connector.partner;

import java.util.Optional;

/**
 * What a connection's health says about its partner event source, with the customer's next step.
 * Every reason starts with {@link #REASON_PREFIX}, so that an ACTIVE source clears exactly these.
 */
final class PartnerHealthTexts {
  static final String REASON_PREFIX = "Partner event source ";

  private PartnerHealthTexts() {}

  /** The reason and fix for a source in {@code state}; empty when it is ACTIVE. */
  static Optional<String[]> of(
      PartnerSourceState state, String name, String account, String region) {
    return switch (state.status()) {
      case ACTIVE -> Optional.empty();
      case PENDING ->
          Optional.of(
              state.expiresAt() == null
                  ? new String[] {
                    REASON_PREFIX
                        + name
                        + " is not associated with an event bus (PENDING). AWS drops events sent to"
                        + " it, so Errorbridge holds them: polled failures are read again and"
                        + " webhook failures wait in the retry store.",
                    "In AWS account "
                        + account
                        + ", region "
                        + region
                        + ", associate the source with a partner event bus named "
                        + name
                        + ": EventBridge console > Partner event sources > "
                        + name
                        + " > Associate with event bus, or aws events create-event-bus --region "
                        + region
                        + " --name "
                        + name
                        + " --event-source-name "
                        + name
                        + ". Held events are delivered once it is ACTIVE."
                  }
                  : new String[] {
                    REASON_PREFIX
                        + name
                        + " was deactivated in account "
                        + account
                        + " (PENDING); AWS deletes it at "
                        + state.expiresAt()
                        + ". Errorbridge holds events until then.",
                    "In AWS account "
                        + account
                        + ", region "
                        + region
                        + ", activate it again: EventBridge console > Partner event sources > "
                        + name
                        + " > Activate, or aws events activate-event-source --region "
                        + region
                        + " --name "
                        + name
                        + "."
                  });
      case DELETED, NOT_FOUND ->
          Optional.of(
              new String[] {
                REASON_PREFIX
                    + name
                    + " no longer exists (deactivated in account "
                    + account
                    + " for more than two weeks, or deleted). Nothing can be delivered.",
                "To receive events again, save the connection's destination.auth (mode"
                    + " PARTNER_EVENT_SOURCE, accountId "
                    + account
                    + "): Errorbridge creates the source again, then associate it in region "
                    + region
                    + ". Failures held past the retry window are dead letters; replay them"
                    + " after that."
              });
    };
  }

  /** Whether {@code reason} is one of these (and so cleared once the source is ACTIVE). */
  static boolean isPartnerReason(String reason) {
    return reason != null && reason.startsWith(REASON_PREFIX);
  }
}

package dev.errorbridge.connector.partner;

import dev.errorbridge.connector.connection.DestinationAuth.AuthMode;
import dev.errorbridge.connector.credentials.CredentialsFailureAction;
import dev.errorbridge.connector.credentials.DestinationCredentialsException;

/**
 * A PARTNER_EVENT_SOURCE connection cannot deliver now: its source is not associated with the
 * customer's partner event bus, no longer exists, or its state could not be read. It is a {@link
 * DestinationCredentialsException} because it stops a connection at the same point as unusable
 * credentials, before any event is claimed: a poll keeps its watermark and reads the window again,
 * a webhook's event waits in the retry store, the retry drain postpones its events, and the
 * connection's health shows {@link #reason()} and {@link #fix()} ({@link
 * CredentialsFailureAction#ERROR}) until the source is ACTIVE.
 */
public class PartnerSourceNotReadyException extends DestinationCredentialsException {
  private final String reason;
  private final String fix;

  public PartnerSourceNotReadyException(
      String connectionId,
      String reason,
      String fix,
      CredentialsFailureAction action,
      String awsErrorCode,
      Throwable cause) {
    super(
        fix == null ? reason : reason + " " + fix,
        connectionId,
        AuthMode.PARTNER_EVENT_SOURCE,
        action,
        awsErrorCode,
        cause);
    this.reason = reason;
    this.fix = fix;
  }

  /** What stands in the way, for the connection's health. */
  public String reason() {
    return reason;
  }

  /** What the customer (or the operator) does about it, or {@code null}. */
  public String fix() {
    return fix;
  }
}

package dev.errorbridge.connector.partner;

import java.time.Instant;

/**
 * Where a partner event source stands, as the partner sees it ({@code
 * ListPartnerEventSourceAccounts}).
 *
 * @param status the source's state
 * @param accountId the customer account it is offered to, or {@code null} when it does not exist
 * @param expiresAt when AWS deletes a deactivated source, or {@code null}
 */
public record PartnerSourceState(Status status, String accountId, Instant expiresAt) {

  /** The states AWS reports, plus {@link #NOT_FOUND}. */
  public enum Status {
    /** Associated with the customer's partner event bus: events are delivered to it. */
    ACTIVE,
    /**
     * Not associated (never yet, or the customer deleted the bus or deactivated the source): AWS
     * accepts and drops events ("Any events published by a partner to a partner event source that
     * has not been associated with an event bus will be immediately dropped", eb-saas.html).
     */
    PENDING,
    /** Deleted; nothing can be delivered. */
    DELETED,
    /**
     * The partner has no such source any more: deactivated by the customer for more than two weeks
     * (AWS then deletes it), or deleted.
     */
    NOT_FOUND
  }

  static PartnerSourceState notFound() {
    return new PartnerSourceState(Status.NOT_FOUND, null, null);
  }

  /** Whether events sent now reach the customer's bus. */
  public boolean deliverable() {
    return status == Status.ACTIVE;
  }
}

package dev.errorbridge.localaws.events;

import java.time.Instant;

/**
 * A partner event source: created by a SaaS partner's account for one customer account, which
 * accepts it by creating the partner event bus of the same name. Immutable; every change replaces
 * it in {@link PartnerEventSources}.
 *
 * @param name {@code aws.partner/<partner>/<namespace>/<name>}
 * @param region the region it was created in; its bus must be in the same region
 * @param partnerAccountId the account that created it, the only one that may publish with it
 * @param customerAccountId the account it is offered to
 * @param createdAt when the partner created it
 * @param state as the customer's {@code DescribeEventSource} and the partner's {@code
 *     ListPartnerEventSourceAccounts} show it
 * @param expiresAt when a deactivated source is deleted, or {@code null}
 */
public record PartnerEventSource(
    String name,
    String region,
    String partnerAccountId,
    String customerAccountId,
    Instant createdAt,
    State state,
    Instant expiresAt) {

  /** The documented {@code EventSourceState} values. */
  public enum State {
    /** No matching bus yet, or its bus is deactivated: events are accepted and dropped. */
    PENDING,
    /** The customer's matching bus exists and is active: events reach its rules. */
    ACTIVE,
    /** The partner deleted it (or it expired) while the customer still has its bus. */
    DELETED
  }

  /** {@code arn:aws:events:<region>::event-source/<name>}: the account field is empty. */
  public String arn() {
    return "arn:aws:events:" + region + "::event-source/" + name;
  }

  /** The partner name: the segment after {@code aws.partner/}. */
  public String createdBy() {
    String rest = name.substring("aws.partner/".length());
    return rest.substring(0, rest.indexOf('/'));
  }

  PartnerEventSource withState(State newState, Instant newExpiresAt) {
    return new PartnerEventSource(
        name, region, partnerAccountId, customerAccountId, createdAt, newState, newExpiresAt);
  }
}

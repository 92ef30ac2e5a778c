package dev.errorbridge.connector.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Claims on event ids, so that a failure seen twice (by two polls, or by a poll and a webhook) is
 * published once. The claimant publishes; if publishing fails and nothing was parked, it {@link
 * #release releases} the claim so that a later poll can try again.
 *
 * <p>A claim holds at least until its {@code expiresAt} and at most one second longer (DynamoDB TTL
 * counts whole seconds). An expired claim is absent, even while DynamoDB has not yet deleted it
 * (TTL deletion is lazy and may lag by days).
 */
public interface DedupStore {

  /**
   * Claims {@code eventId} until {@code expiresAt}.
   *
   * @return {@code true} if this is the first live claim (publish the event), {@code false} if it
   *     is claimed already (skip it)
   * @throws IllegalArgumentException if {@code expiresAt} is not in the future
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  boolean claim(String eventId, Instant expiresAt);

  /**
   * Claims every id of a page of events until {@code expiresAt}, at the cost of one read per 100
   * ids plus one write per id not claimed yet.
   *
   * @return the ids claimed by this call (publish those), in the order given; an id given twice is
   *     claimed once
   * @throws StoreUnavailableException if DynamoDB could not answer; claims made before the failure
   *     stay, and are found again by the next call
   */
  Set<String> claimAll(Collection<String> eventIds, Instant expiresAt);

  /** Drops the claim on {@code eventId}; dropping one that is not there is a no-op. */
  void release(String eventId);

  /** Whether {@code eventId} holds a claim that is live at {@code now}. */
  boolean isClaimed(String eventId, Instant now);

  /**
   * The ids among {@code eventIds} that hold a claim (or a confirmed record) live at {@code now}: a
   * read only, at the cost of one consistent read per 100 ids. A poll asks before fetching the
   * details of a page's failures, to skip those published already. An id DynamoDB kept unprocessed
   * through a few retries is answered as not live (a later claim decides).
   *
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  Set<String> liveAmong(Collection<String> eventIds, Instant now);

  /**
   * Extends the claims on {@code eventIds} to {@code expiresAt}, unconditionally: called once the
   * events are settled (delivered or parked), so that a short claim taken before publishing becomes
   * the long dedup record. Claims are taken short on purpose: if the process dies between claiming
   * and publishing, the claim lapses and the next poll publishes the failure instead of losing it.
   */
  void confirm(Collection<String> eventIds, Instant expiresAt);
}

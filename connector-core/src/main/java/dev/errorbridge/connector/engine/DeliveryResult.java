package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.store.Outbox.DeliveryState;
import java.util.Map;

/**
 * What became of a batch of failures handed to a connection. Only {@link Published} means every
 * failure is settled (delivered, filtered out, parked, or durably in the outbox: claimed now or
 * before): a poller may advance its checkpoint past them, a webhook may answer 2xx.
 */
public sealed interface DeliveryResult {

  /** Whether every failure is settled and a checkpoint may move past them. */
  boolean settled();

  /**
   * The connection is switched off or suspended: nothing was published or parked.
   *
   * @param state why
   */
  record Skipped(HealthState state) implements DeliveryResult {
    @Override
    public boolean settled() {
      return false;
    }
  }

  /**
   * The connection could not publish at all (its credentials could not be resolved); nothing was
   * published or parked and the caller must try again later.
   *
   * @param reason what failed and how to fix it
   */
  record Unavailable(String reason) implements DeliveryResult {
    @Override
    public boolean settled() {
      return false;
    }
  }

  /**
   * Every failure was filtered out, claimed before, or claimed now and published (delivered or
   * parked).
   *
   * @param filteredOut failures the connection does not stream (outcome or workflow filter)
   * @param known failures claimed before this call (by a poll, a webhook, an earlier cycle), by
   *     event id, with where they stand: none of them was published again
   * @param report the outcome of each failure claimed by this call
   */
  record Published(int filteredOut, Map<String, DeliveryState> known, PublishReport report)
      implements DeliveryResult {

    public Published {
      known = Map.copyOf(known);
    }

    /** Nothing to publish: every failure was filtered out. */
    public static Published nothing(int filteredOut) {
      return new Published(filteredOut, Map.of(), PublishReport.EMPTY);
    }

    /** Failures claimed before this call: not published again. */
    public int duplicates() {
      return known.size();
    }

    @Override
    public boolean settled() {
      return true;
    }
  }
}

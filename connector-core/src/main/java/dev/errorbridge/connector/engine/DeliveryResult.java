package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.publish.PublishReport;

/**
 * What became of a batch of failures handed to a connection. Only {@link Published} means every
 * failure is settled (delivered, deduplicated, filtered out or parked): a poller may advance its
 * checkpoint past them, a webhook may answer 2xx.
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
   * Every failure was filtered out, a duplicate, delivered or parked.
   *
   * @param filteredOut failures the connection does not stream (outcome or workflow filter)
   * @param duplicates failures already published earlier (by poll or webhook)
   * @param report the outcome of each published failure
   */
  record Published(int filteredOut, int duplicates, PublishReport report)
      implements DeliveryResult {
    @Override
    public boolean settled() {
      return true;
    }
  }
}

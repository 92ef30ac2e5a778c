package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.time.Deadline;

/**
 * Polls connections' platforms for failed executions and delivers them to their buses, one cycle of
 * one connection at a time.
 *
 * <pre>{@code
 * PollCycleReport report = engine.poll(connectionStore.find(id).orElseThrow(), deadline);
 * if (!report.status().complete()) { ... } // report.message() says why and what happens next
 * }</pre>
 */
public interface PollEngine {

  /**
   * Runs one cycle for {@code connection}, as just read from the store. Never throws for a
   * platform, store or delivery failure: the report says what happened. Stops cleanly at {@code
   * deadline}.
   *
   * @param connection the connection (its toggle, health and settings version are honoured)
   * @param deadline when the cycle must have finished, e.g. a Lambda's end minus a margin
   */
  PollCycleReport poll(Connection connection, Deadline deadline);
}

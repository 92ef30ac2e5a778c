package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Streams a historical window {@code [from, to)} of one connection through its source and the same
 * delivery as polling (so failures already published, by a poll or an earlier backfill, are not
 * published again), without touching the checkpoint: the poller's watermark, runs in progress and
 * "not before" stay as they are.
 *
 * <p>The window is read oldest chunk first, in chunks of {@link PollConfig#backfillChunk()}; each
 * chunk read to its end and settled moves {@link BackfillProgress#doneUpTo()}, the point to resume
 * from (run the backfill again with {@code from = report.resumeFrom()}). It stops at the deadline,
 * at a page that cannot be settled, or at a platform error, and its report says what to do next. It
 * shares the connection's source with polling, and waits for no cycle: if one runs in this process,
 * it reports {@link PollStatus#BUSY}.
 *
 * <pre>{@code
 * BackfillReport report = backfill.run(connection, from, to, deadline, progressBar::update);
 * if (report.resumeFrom() != null) System.err.println(report.message());
 * }</pre>
 */
public final class Backfill {
  private final PollSources sources;
  private final FailureDelivery delivery;
  private final ConnectionStore connections;
  private final PollConfig config;
  private final Clock clock;

  public Backfill(
      PollSources sources,
      FailureDelivery delivery,
      ConnectionStore connections,
      PollConfig config,
      Clock clock) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Backfills {@code [from, to)} ({@code to} is cut to now) for {@code connection}.
   *
   * @throws BackfillWindowInvalidException when {@code from} is not before {@code to} (or now)
   */
  public BackfillReport run(
      Connection connection,
      Instant from,
      Instant to,
      Deadline deadline,
      BackfillListener listener) {
    Instant started = clock.instant();
    Instant end = to.isAfter(started) ? started : to;
    if (!from.isBefore(end)) {
      throw new BackfillWindowInvalidException(
          "a backfill window must start before it ends and before now: from "
              + from
              + ", to "
              + to
              + " (e.g. from 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z)");
    }
    BackfillRun run = new BackfillRun(connection, from, end, started, deadline, listener);
    String notPolled = PollRules.notPolledBecause(connection);
    if (notPolled != null) {
      return run.stopped(PollStatus.SKIPPED, notPolled + "; enable it, then run the backfill");
    }
    PollSources.Lease lease = sources.tryAcquire(connection);
    if (lease == null) {
      return run.stopped(
          PollStatus.BUSY,
          "a poll cycle of connection " + connection.id() + " is running; try again in a minute");
    }
    try (lease) {
      return run.chunks(lease);
    }
  }

  /** One backfill in progress. */
  private final class BackfillRun {
    private final Connection connection;
    private final Instant from;
    private final Instant to;
    private final Instant started;
    private final Deadline deadline;
    private final BackfillListener listener;
    private final DeliveringListener pages;
    private Instant doneUpTo;
    private int pageCount;
    private int requests;

    BackfillRun(
        Connection connection,
        Instant from,
        Instant to,
        Instant started,
        Deadline deadline,
        BackfillListener listener) {
      this.connection = connection;
      this.from = from;
      this.to = to;
      this.started = started;
      this.deadline = deadline;
      this.listener = listener;
      this.doneUpTo = from;
      this.pages =
          new DeliveringListener(
              connection,
              delivery,
              connections,
              deadline,
              counts -> listener.onProgress(progress()));
    }

    BackfillReport chunks(PollSources.Lease lease) {
      try {
        FailureSource source = lease.source();
        while (doneUpTo.isBefore(to)) {
          Instant chunkEnd = min(doneUpTo.plus(config.backfillChunk()), to);
          ScanResult result =
              source.scan(
                  new ScanRequest(
                      doneUpTo,
                      chunkEnd,
                      connection.source().outcomes(),
                      connection.source().workflowIds(),
                      deadline),
                  pages);
          pageCount += result.pages();
          requests += result.requests();
          if (!result.complete()) {
            return stopped(PollStatus.INCOMPLETE, "the deadline came before the window was read");
          }
          doneUpTo = chunkEnd;
          listener.onProgress(progress());
        }
      } catch (RuntimeException e) {
        PollFailures.Failure failure = PollFailures.of(e, clock.instant(), config);
        String wait =
            failure.status() == PollStatus.RATE_LIMITED && failure.notBefore() != null
                ? " Wait until " + failure.notBefore() + "."
                : "";
        return stopped(failure.status(), failure.message() + wait);
      }
      int inProgress = pages.pending().size();
      List<String> notes = new ArrayList<>();
      if (inProgress > 0) {
        notes.add(
            inProgress
                + " runs in the window were still in progress and are not failures yet; backfill"
                + " the window again once they have ended (within the lookback, polling finds"
                + " them)");
      }
      if (pages.counts().rowsFailed() > 0) {
        notes.add(
            pages.rowFailuresSummary()
                + "; look them up in the platform's console, or backfill their window again");
      }
      return new BackfillReport(
          connection.id(),
          PollStatus.COMPLETE,
          progress(),
          null,
          notes.isEmpty() ? null : String.join("; ", notes));
    }

    BackfillReport stopped(PollStatus status, String why) {
      return new BackfillReport(
          connection.id(),
          status,
          progress(),
          doneUpTo,
          sentence(why)
              + " Everything before "
              + doneUpTo
              + " is done; to finish, run the backfill again from "
              + doneUpTo
              + " to "
              + to
              + " (failures already published are not published again).");
    }

    BackfillProgress progress() {
      return new BackfillProgress(
          from,
          to,
          doneUpTo,
          pageCount,
          requests,
          pages.counts(),
          pages.pending().size(),
          Duration.between(started, clock.instant()));
    }
  }

  /** {@code text} ending with exactly one period. */
  private static String sentence(String text) {
    String trimmed = text.strip();
    while (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed + ".";
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}

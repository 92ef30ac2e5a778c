package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.time.Deadline;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton every poller shares, written once: a scan reads the window's list pages through a
 * {@link ScanSession} (which defers each failure's detail until the listener said which are
 * published already), ends cleanly at the deadline and hands over what it found before any other
 * failure; a recheck reads one pending run's detail and settles it. A platform supplies how it
 * pages ({@link #scanWindow}) and what a run's detail says ({@link #findRun}, {@link #stateOf}).
 */
public abstract class PolledFailureSource implements FailureSource {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final Platform platform;

  /** The connection's client, for every request of scans and rechecks. */
  protected final SourceHttpClient http;

  /**
   * @param client makes the connection's client, once the connection is known to be {@code
   *     platform}'s
   * @throws IllegalArgumentException when {@code connection} is another platform's
   */
  protected PolledFailureSource(
      Platform platform,
      SourceConnection connection,
      Function<SourceConnection, SourceHttpClient> client) {
    if (connection.platform() != platform) {
      String name = platform.id();
      throw new IllegalArgumentException(
          "not a "
              + Character.toUpperCase(name.charAt(0))
              + name.substring(1)
              + " connection: "
              + connection.platform());
    }
    this.platform = platform;
    this.http = client.apply(connection);
  }

  @Override
  public final Platform platform() {
    return platform;
  }

  @Override
  public final SourceConnection connection() {
    return http.connection();
  }

  @Override
  public final ScanResult scan(ScanRequest request, ScanListener listener) {
    ScanSession session = new ScanSession(request, listener, http);
    try {
      return session.finish(scanWindow(session));
    } catch (SourceDeadlineExceededException e) {
      log.debug(
          "{} scan stopped connection={}: {}",
          platform.id(),
          connection().connectionId(),
          e.getMessage());
      return session.finish(false);
    } catch (SourceException e) {
      session.flush(); // what was found before the failure is still delivered
      throw e;
    }
  }

  /**
   * Reads the request's window page by page into {@code session}.
   *
   * @return whether the window was read to its end
   */
  protected abstract boolean scanWindow(ScanSession session);

  @Override
  public final RecheckResult recheck(PendingRun run, Set<Outcome> outcomes, Deadline deadline) {
    Optional<JsonResponse> detail = findRun(run, deadline);
    if (detail.isEmpty()) {
      return new RecheckResult.NotFound();
    }
    RunState state = stateOf(run, detail.get(), deadline);
    if (state.running()) {
      return new RecheckResult.StillRunning(state.status());
    }
    if (state.outcome() == null || !outcomes.contains(state.outcome())) {
      return new RecheckResult.SucceededOrIgnored(state.status());
    }
    return new RecheckResult.Terminal(state.failure().get());
  }

  /**
   * The pending run's detail; empty only when the platform no longer has the run (an answer too
   * large throws, so that the run stays tracked).
   */
  protected abstract Optional<JsonResponse> findRun(PendingRun run, Deadline deadline);

  /** What the run's {@code detail} says of it. */
  protected abstract RunState stateOf(PendingRun run, JsonResponse detail, Deadline deadline);

  /**
   * A run's state by its detail.
   *
   * @param status the platform's status, as the recheck reports it
   * @param running whether the run has not ended yet
   * @param outcome the outcome it ended with, {@code null} for none Errorbridge streams
   * @param failure builds its failure, read only when its outcome is streamed
   */
  public record RunState(
      String status, boolean running, Outcome outcome, Supplier<FailedExecution> failure) {

    /** A run that has not ended yet. */
    public static RunState running(String status) {
      return new RunState(status, true, null, null);
    }
  }
}

package dev.errorbridge.connector.crashpoint;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one test hook in production code: named instants at which the crash-safety tests kill the
 * process ({@code kill -9}), to prove that nothing acknowledged is lost and nothing is sent twice
 * outside the one window no system can close.
 *
 * <p>Inert unless the JVM runs with {@code -Derrorbridge.crashPoint=<name>} (and optionally {@code
 * -Derrorbridge.crashPoint.hits=<n>}, default 1). On the {@code n}th time the named point is
 * reached, the calling thread prints {@code ERRORBRIDGE-CRASH-POINT <name>} on standard error and
 * stops there, so that the harness can kill the process at exactly that step; if nothing kills it
 * within a minute, it halts the JVM itself (exit status 137, as after {@code SIGKILL}). Reading the
 * properties once, at class load, keeps an unset hook at the cost of one field read.
 */
public final class CrashPoint {
  /** The system property naming the point to crash at. */
  public static final String PROPERTY = "errorbridge.crashPoint";

  /** The system property saying on which hit of the point to crash (1 = the first). */
  public static final String HITS_PROPERTY = "errorbridge.crashPoint.hits";

  /** What the stopped thread prints on standard error, followed by a space and the point's name. */
  public static final String MARKER = "ERRORBRIDGE-CRASH-POINT";

  /** After claiming a webhook's or a poll page's events, before {@code PutEvents}. */
  public static final String AFTER_CLAIM = "after-claim";

  /** After {@code PutEvents} accepted a batch, before the outcome is recorded anywhere. */
  public static final String AFTER_PUT_EVENTS = "after-put-events";

  /** In the background bookkeeping, with settled batches taken from its queue but not written. */
  public static final String BOOKKEEPING_BEFORE_WRITE = "bookkeeping-before-write";

  /**
   * In the retry drain, after {@code PutEvents} accepted leased events, before they are settled.
   */
  public static final String DRAIN_AFTER_PUT_EVENTS = "drain-after-put-events";

  /** In a poll cycle, after its pages were published, before the checkpoint is saved. */
  public static final String POLL_BEFORE_CHECKPOINT = "poll-before-checkpoint";

  /** In a dead-letter replay, after {@code PutEvents} accepted letters, before they are removed. */
  public static final String REPLAY_AFTER_PUT_EVENTS = "replay-after-put-events";

  private static final String ARMED = System.getProperty(PROPERTY);
  private static final AtomicInteger HITS_LEFT =
      new AtomicInteger(Integer.parseInt(System.getProperty(HITS_PROPERTY, "1")));

  private CrashPoint() {}

  /** Marks that the code reached {@code name}; stops here if the tests armed that point. */
  public static void reached(String name) {
    if (ARMED != null && ARMED.equals(name) && HITS_LEFT.decrementAndGet() == 0) {
      stop(name);
    }
  }

  @SuppressWarnings("java:S106") // the harness reads the marker from standard error, not the log
  private static void stop(String name) {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    err.println(MARKER + " " + name);
    err.flush();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }
    Runtime.getRuntime().halt(137);
  }
}

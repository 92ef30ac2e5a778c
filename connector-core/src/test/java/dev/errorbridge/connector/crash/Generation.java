package dev.errorbridge.connector.crash;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One simulated Errorbridge process: the AWS SDK clients built while it is {@link #run running} on
 * a thread belong to it ({@link GenerationInterceptor} tags them), and it dies at a chosen external
 * call, after which every call of any of its clients, from any thread (its background bookkeeping
 * too), throws {@link ProcessCrash}. A dead generation can then no longer change anything outside
 * it, which is what a {@code kill -9} guarantees; its objects are simply abandoned.
 */
final class Generation {
  /** When the crash strikes, relative to the chosen call. */
  enum Phase {
    /** The call never leaves: the process died just before sending it. */
    BEFORE_TRANSMISSION,
    /** The call was served (AWS acted on it) but the answer never arrived. */
    AFTER_TRANSMISSION
  }

  // Inherited: a thread the process starts (a background publisher, the bookkeeping worker) belongs
  // to the process that started it, and so do the clients it builds.
  private static final ThreadLocal<Generation> CURRENT = new InheritableThreadLocal<>();

  private final String name;
  private final int crashAtCall;
  private final Phase phase;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean alive = new AtomicBoolean(true);
  private final Set<String> transmittedEventIds = ConcurrentHashMap.newKeySet();
  private volatile String crashedAt;

  /**
   * @param crashAtCall the external call (1 = the first) at which the process dies; 0 for none
   * @param phase whether it dies before that call is sent or after it was served
   */
  Generation(String name, int crashAtCall, Phase phase) {
    this.name = name;
    this.crashAtCall = crashAtCall;
    this.phase = phase;
  }

  /** The generation running on this thread, or {@code null}. */
  static Generation current() {
    return CURRENT.get();
  }

  /** Runs {@code work} as this generation: clients it builds belong to it. */
  <T> T run(Supplier<T> work) {
    Generation before = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.get();
    } finally {
      CURRENT.set(before);
    }
  }

  boolean alive() {
    return alive.get();
  }

  /** Kills it now, wherever its threads are (a kill while idle, or between two calls). */
  void kill(String where) {
    if (alive.compareAndSet(true, false)) {
      crashedAt = where;
    }
  }

  /** The external calls it made (every attempt counts). */
  int calls() {
    return calls.get();
  }

  /** Where it died, or {@code null} while alive. */
  String crashedAt() {
    return crashedAt;
  }

  /** Event ids of every {@code PutEvents} entry it sent (whether or not the answer came back). */
  Set<String> transmittedEventIds() {
    return Set.copyOf(transmittedEventIds);
  }

  /** Counts a call about to be sent, or dies there; returns the call's number. */
  int beforeTransmission(String operation, Set<String> putEventIds) {
    requireAlive(operation);
    int call = calls.incrementAndGet();
    if (call == crashAtCall && phase == Phase.BEFORE_TRANSMISSION) {
      kill("before call " + call + " (" + operation + ") was sent");
      requireAlive(operation);
    }
    transmittedEventIds.addAll(putEventIds);
    return call;
  }

  /** The call numbered {@code call} was served; dies here if this is the chosen instant. */
  void afterTransmission(String operation, int call) {
    if (call == crashAtCall && phase == Phase.AFTER_TRANSMISSION) {
      kill("after call " + call + " (" + operation + ") was served, before its answer arrived");
    }
    requireAlive(operation);
  }

  private void requireAlive(String operation) {
    if (!alive.get()) {
      throw new ProcessCrash(name + " is dead (" + crashedAt + "): " + operation + " not made");
    }
  }

  @Override
  public String toString() {
    return name + (alive() ? " alive" : " dead " + crashedAt) + " calls=" + calls();
  }
}

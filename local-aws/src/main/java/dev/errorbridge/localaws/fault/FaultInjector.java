package dev.errorbridge.localaws.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds the injected faults and hands them out call by call, in injection order. Each fault counts
 * down its own {@code times}, so "fail the 2nd and 5th entries of the next 3 calls" fails exactly
 * those.
 *
 * <p>A request-level fault ({@code THROTTLE}, {@code HTTP_STATUS}, {@code DROP_CONNECTION}) is
 * consumed when the call arrives; latency is consumed before it is served; entry errors are
 * consumed only by calls that reach {@code PutEvents}, so a throttled call does not use up an entry
 * fault meant for the next one.
 */
public final class FaultInjector {
  private final List<ActiveFault> active = new ArrayList<>();

  private static final class ActiveFault {
    final Fault fault;
    int remaining;

    ActiveFault(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  /** An entry's injected failure. */
  public record EntryFault(String errorCode, String errorMessage) {}

  /** Adds faults; they apply after those already injected. */
  public synchronized void inject(Fault... faults) {
    for (Fault fault : faults) {
      active.add(new ActiveFault(fault));
    }
  }

  /** Removes every fault. */
  public synchronized void clear() {
    active.clear();
  }

  /** The faults still to fire, with their remaining counts in {@link Fault#times()}. */
  public synchronized List<Fault> pending() {
    List<Fault> pending = new ArrayList<>();
    for (ActiveFault a : active) {
      pending.add(a.fault.times(a.remaining));
    }
    return pending;
  }

  /** Consumes the summed latency of the matching latency faults (zero if none). */
  public synchronized Duration takeLatency(String operation) {
    Duration total = Duration.ZERO;
    for (ActiveFault a : consume(operation, Fault.Kind.LATENCY)) {
      total = total.plus(a.fault.latency());
    }
    return total;
  }

  /** Consumes and returns the first matching request-level fault, or {@code null}. */
  public synchronized Fault takeRequestFault(String operation) {
    for (Iterator<ActiveFault> it = active.iterator(); it.hasNext(); ) {
      ActiveFault a = it.next();
      Fault.Kind kind = a.fault.kind();
      boolean requestLevel =
          kind == Fault.Kind.THROTTLE
              || kind == Fault.Kind.HTTP_STATUS
              || kind == Fault.Kind.DROP_CONNECTION;
      if (requestLevel && a.fault.appliesTo(operation)) {
        countDown(a, it);
        return a.fault;
      }
    }
    return null;
  }

  /** Consumes the matching entry faults and returns the failure per zero-based entry index. */
  public synchronized Map<Integer, EntryFault> takeEntryFaults(String operation) {
    Map<Integer, EntryFault> byIndex = new TreeMap<>();
    for (ActiveFault a : consume(operation, Fault.Kind.ENTRY_ERROR)) {
      for (Integer index : a.fault.entries()) {
        byIndex.putIfAbsent(
            index,
            new EntryFault(a.fault.errorCode(), "Injected by local-aws: " + a.fault.errorCode()));
      }
    }
    return byIndex;
  }

  private List<ActiveFault> consume(String operation, Fault.Kind kind) {
    List<ActiveFault> taken = new ArrayList<>();
    for (Iterator<ActiveFault> it = active.iterator(); it.hasNext(); ) {
      ActiveFault a = it.next();
      if (a.fault.kind() == kind && a.fault.appliesTo(operation)) {
        taken.add(a);
        countDown(a, it);
      }
    }
    return taken;
  }

  private static void countDown(ActiveFault a, Iterator<ActiveFault> it) {
    if (a.remaining == Fault.UNLIMITED) {
      return;
    }
    a.remaining--;
    if (a.remaining == 0) {
      it.remove();
    }
  }
}

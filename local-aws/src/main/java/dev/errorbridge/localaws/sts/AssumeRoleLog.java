package dev.errorbridge.localaws.sts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The AssumeRole requests STS answered, oldest first: granted or refused by the role logic.
 * Requests failed earlier (bad signature, an injected fault) never reach it. At most {@link
 * #MAX_KEPT} are kept. Thread-safe.
 */
public final class AssumeRoleLog {
  public static final int MAX_KEPT = 10_000;

  private final Deque<AssumeRoleCall> calls = new ArrayDeque<>();

  synchronized void record(AssumeRoleCall call) {
    if (calls.size() == MAX_KEPT) {
      calls.removeFirst();
    }
    calls.addLast(call);
  }

  /** A snapshot of the recorded requests, oldest first. */
  public synchronized List<AssumeRoleCall> all() {
    return List.copyOf(calls);
  }

  public synchronized void clear() {
    calls.clear();
  }
}

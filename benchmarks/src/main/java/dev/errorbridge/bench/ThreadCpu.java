package dev.errorbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the JVM's live threads, summed by the prefix of their names, so that a benchmark
 * running client and server in one JVM can say how the machine's cores were shared between them.
 * Threads that die during the window are missed; the benchmarks' pools live throughout.
 */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> startNanos = new HashMap<>();

  private ThreadCpu() {}

  /** Starts a window at the current CPU time of every live thread. */
  static ThreadCpu start() {
    ThreadCpu window = new ThreadCpu();
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) {
        window.startNanos.put(id, cpu);
      }
    }
    return window;
  }

  /** CPU milliseconds spent since {@link #start()} by threads whose names start with a prefix. */
  Map<String, Double> millisByPrefix(String... prefixes) {
    Map<String, Double> millis = new HashMap<>();
    for (String prefix : prefixes) {
      millis.put(prefix, 0.0);
    }
    millis.put("other", 0.0);
    for (long id : THREADS.getAllThreadIds()) {
      ThreadInfo info = THREADS.getThreadInfo(id);
      long cpu = THREADS.getThreadCpuTime(id);
      if (info == null || cpu < 0) {
        continue;
      }
      double spent = (cpu - startNanos.getOrDefault(id, 0L)) / 1e6;
      String group = "other";
      for (String prefix : prefixes) {
        if (info.getThreadName().startsWith(prefix)) {
          group = prefix;
          break;
        }
      }
      millis.merge(group, spent, Double::sum);
    }
    return millis;
  }
}

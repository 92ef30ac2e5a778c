package dev.errorbridge.bench.chaos;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.mapping.EventIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which run goes where: its connection, and whether a callback tells, a listing, or both. */
final class Plan {
  record Run(int connection, String connectionId, String runId, String eventId) {}

  final List<WebhookSenders.Callback> callbacks = new ArrayList<>();
  final List<Run> pollOnly = new ArrayList<>();
  final Set<String> listedToo = new HashSet<>();
  private final Map<String, Integer> connectionIndex = new HashMap<>();
  private final Set<String> eventIds = new HashSet<>();

  static Plan of(int n, List<String> connectionIds) {
    Plan plan = new Plan();
    for (int i = 0; i < connectionIds.size(); i++) {
      plan.connectionIndex.put(connectionIds.get(i), i);
    }
    for (int k = 0; k < n; k++) {
      int c = k % connectionIds.size();
      String connectionId = connectionIds.get(c);
      String runId = "chaos-" + k;
      String eventId = EventIds.of(ChaosRun.TENANT, connectionId, Platform.RUNFLOW, runId);
      plan.eventIds.add(eventId);
      int kind = k % 10;
      if (kind >= 8) {
        plan.pollOnly.add(new Run(c, connectionId, runId, eventId));
      } else {
        plan.callbacks.add(new WebhookSenders.Callback(connectionId, runId, eventId));
        if (kind >= 6) {
          plan.listedToo.add(runId);
        }
      }
    }
    return plan;
  }

  int connectionIndex(WebhookSenders.Callback callback) {
    return connectionIndex.get(callback.connectionId());
  }

  Set<String> allEventIds() {
    return Set.copyOf(eventIds);
  }
}

package dev.errorbridge.connector.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dead letters kept in memory, per connection, keyed by event id (parking the same event again
 * replaces it). For tests and the standalone server's embedded defaults; a restart loses them, so
 * production uses the DynamoDB store.
 */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
  private final Map<String, Map<String, DeadLetter>> byConnection = new ConcurrentHashMap<>();

  @Override
  public void park(DeadLetter deadLetter) {
    Map<String, DeadLetter> letters =
        byConnection.computeIfAbsent(
            key(deadLetter.tenantId(), deadLetter.connectionId()), k -> new LinkedHashMap<>());
    synchronized (letters) {
      letters.put(deadLetter.eventId(), deadLetter);
    }
  }

  @Override
  public List<DeadLetter> list(String tenantId, String connectionId, int limit) {
    Map<String, DeadLetter> letters = byConnection.get(key(tenantId, connectionId));
    if (letters == null) {
      return List.of();
    }
    synchronized (letters) {
      return List.copyOf(
          new ArrayList<>(letters.values()).subList(0, Math.min(limit, letters.size())));
    }
  }

  @Override
  public void remove(String tenantId, String connectionId, String eventId) {
    Map<String, DeadLetter> letters = byConnection.get(key(tenantId, connectionId));
    if (letters != null) {
      synchronized (letters) {
        letters.remove(eventId);
      }
    }
  }

  @Override
  public long count(String tenantId, String connectionId) {
    Map<String, DeadLetter> letters = byConnection.get(key(tenantId, connectionId));
    if (letters == null) {
      return 0;
    }
    synchronized (letters) {
      return letters.size();
    }
  }

  private static String key(String tenantId, String connectionId) {
    return tenantId + "/" + connectionId;
  }
}

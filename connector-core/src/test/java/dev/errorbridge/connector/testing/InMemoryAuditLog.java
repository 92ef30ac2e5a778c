package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.store.AuditLog;
import dev.errorbridge.connector.store.AuditRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An audit log in memory, newest first, for service tests. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditRecord> records = new ArrayList<>();

  @Override
  public synchronized void append(AuditRecord record) {
    records.add(record);
  }

  @Override
  public synchronized List<AuditRecord> list(String connectionId, int limit) {
    List<AuditRecord> newestFirst = new ArrayList<>();
    for (int i = records.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
      if (records.get(i).connectionId().equals(connectionId)) {
        newestFirst.add(records.get(i));
      }
    }
    newestFirst.sort(Comparator.comparing(AuditRecord::at).reversed());
    return newestFirst;
  }
}

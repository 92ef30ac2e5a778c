package dev.errorbridge.connector.audit;

import dev.errorbridge.connector.store.StoreUnavailableException;
import java.util.List;

/**
 * Connections' audit trails: append-only, kept after the connection is deleted (they say who
 * deleted it) and until they expire (400 days by default).
 */
public interface AuditLog {

  /**
   * Records {@code record}; records are never changed or removed afterwards.
   *
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  void append(AuditRecord record);

  /**
   * The connection's newest {@code limit} records that have not expired, newest first. The records
   * carry their tenant: a caller serving a tenant shows them only if it matches.
   */
  List<AuditRecord> list(String connectionId, int limit);
}

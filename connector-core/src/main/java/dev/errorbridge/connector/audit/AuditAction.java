package dev.errorbridge.connector.audit;

/** What was done to a connection, as recorded in its audit trail. */
public enum AuditAction {
  CREATE,
  UPDATE,
  ENABLE,
  DISABLE,
  DELETE,
  /** A test event was sent to the destination. */
  TEST,
  ROTATE_SECRETS,
  /** Errorbridge stopped the connection by itself (e.g. the destination refuses its keys). */
  SUSPEND,
  RESUME,
  /** Dead letters were sent again. */
  REPLAY
}

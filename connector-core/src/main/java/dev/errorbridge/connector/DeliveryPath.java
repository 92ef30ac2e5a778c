package dev.errorbridge.connector;

/** How Errorbridge learned of a failure. */
public enum DeliveryPath {
  /** Found by polling the platform's execution logs. */
  POLL,
  /** Pushed to Errorbridge by the platform. */
  WEBHOOK
}

package dev.errorbridge.connector.connection;

/** Where a connection stands, as its owner sees it. */
public enum HealthState {
  /** Enabled and delivering (or with nothing to deliver). */
  ACTIVE,
  /** Switched off by its owner: nothing is read or published. */
  PAUSED,
  /**
   * Switched off automatically after repeated non-retryable destination failures (access denied, a
   * missing bus). Enabling the connection again resumes it.
   */
  SUSPENDED,
  /**
   * Enabled but unable to work for a reason the owner must fix outside Errorbridge, e.g. the KMS
   * key is disabled or the platform rejects the API key.
   */
  ERROR
}

package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.secrets.SecretCipherException;

/** What to do about a connection whose credentials could not be resolved. */
public enum CredentialsFailureAction {
  /**
   * Transient (throttling, a 5xx, a timeout, or Errorbridge's own identity momentarily refused):
   * try again later; the connection stays {@link HealthState#ACTIVE}.
   */
  RETRY(HealthState.ACTIVE),
  /**
   * The customer's account refuses Errorbridge (the role does not trust it, or wants another
   * External ID): retrying cannot help until the customer changes their IAM settings, so the
   * connection is {@link HealthState#SUSPENDED}.
   */
  SUSPEND(HealthState.SUSPENDED),
  /**
   * Errorbridge cannot read or use the stored credentials (the KMS key is disabled or gone, the
   * ciphertext does not belong to the connection, the runtime has no credentials, the role ARN is
   * invalid): the connection is in {@link HealthState#ERROR} until someone fixes that.
   */
  ERROR(HealthState.ERROR);

  private final HealthState healthState;

  CredentialsFailureAction(HealthState healthState) {
    this.healthState = healthState;
  }

  /**
   * What {@code failure} (thrown while resolving a connection's credentials) means for the
   * connection: the action of a {@link DestinationCredentialsException} in its cause chain; ERROR
   * for an unusable KMS key; otherwise RETRY.
   */
  public static CredentialsFailureAction of(Throwable failure) {
    return DestinationCredentialsException.find(failure)
        .map(DestinationCredentialsException::action)
        .orElseGet(
            () ->
                failure instanceof SecretCipherException cipher && cipher.keyUnavailable()
                    ? ERROR
                    : RETRY);
  }

  /** Whether calling again later may succeed without anyone changing anything. */
  public boolean retryable() {
    return this == RETRY;
  }

  /** The state the connection should be in after this failure. */
  public HealthState healthState() {
    return healthState;
  }
}

package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth.AuthMode;
import java.util.Optional;

/**
 * A connection's destination credentials could not be resolved. One subclass per auth mode; each
 * names the connection, what failed and how to fix it, and says what to do about it ({@link
 * #action()}). Messages never contain a secret (secret keys, session tokens), only identifiers that
 * are not secret (the connection, the role ARN, the External ID the customer was shown, masked
 * access key hints).
 *
 * <p>The AWS SDK may wrap it when it is thrown while signing a call: {@link #find(Throwable)} looks
 * for it along the cause chain.
 */
public abstract class DestinationCredentialsException extends RuntimeException {
  private static final int MAX_CAUSE_DEPTH = 32;

  private final String connectionId;
  private final AuthMode authMode;
  private final CredentialsFailureAction action;
  private final String awsErrorCode;

  protected DestinationCredentialsException(
      String message,
      String connectionId,
      AuthMode authMode,
      CredentialsFailureAction action,
      String awsErrorCode,
      Throwable cause) {
    super(message, cause);
    this.connectionId = connectionId;
    this.authMode = authMode;
    this.action = action;
    this.awsErrorCode = awsErrorCode;
  }

  /**
   * The first {@link DestinationCredentialsException} in {@code failure}'s cause chain, e.g. inside
   * the {@code SdkClientException} a PutEvents call threw.
   */
  public static Optional<DestinationCredentialsException> find(Throwable failure) {
    // Bounded, so a cyclic cause chain cannot loop forever.
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof DestinationCredentialsException found) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /** The connection whose credentials failed. */
  public String connectionId() {
    return connectionId;
  }

  /** The connection's auth mode. */
  public AuthMode authMode() {
    return authMode;
  }

  /** Retry, suspend the connection, or put it in ERROR. */
  public CredentialsFailureAction action() {
    return action;
  }

  /** Whether calling again later may succeed without anyone changing anything. */
  public boolean retryable() {
    return action.retryable();
  }

  /**
   * The AWS error code behind the failure ({@code AccessDenied}, {@code DisabledException}…), or
   * {@code null} when there was none (a timeout, no runtime credentials).
   */
  public String awsErrorCode() {
    return awsErrorCode;
  }
}

package dev.errorbridge.lambda;

/**
 * A Lambda-only environment variable is missing or invalid; the message says which and how to fix
 * it.
 */
public final class LambdaConfigInvalidException extends RuntimeException {
  public LambdaConfigInvalidException(String message) {
    super(message);
  }
}

package dev.errorbridge.connector.webhook;

/**
 * A connection's webhook secret could not be decrypted (KMS throttled, the key disabled or missing,
 * no permission to use it). The request cannot be verified, but the connection exists: the receiver
 * answers 503 so that the platform retries, never the 404 of an unknown connection. The message
 * names the connection and what to fix; it never carries a secret.
 */
public class WebhookSecretUnavailableException extends RuntimeException {
  public WebhookSecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

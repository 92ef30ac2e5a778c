package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * The platform refused the API key (HTTP 401) or its permissions (HTTP 403). Retrying cannot help:
 * the engine puts the connection in ERROR with this message until an operator enters a valid key. A
 * request rejected for its key: callers that handle every rejection need not tell it apart.
 */
public class SourceAuthException extends SourceRequestRejectedException {

  /**
   * @param platformCode the platform's error code from the body (e.g. {@code unauthorized}), or
   *     {@code null}
   */
  public SourceAuthException(
      Platform platform,
      String connectionId,
      String endpoint,
      int httpStatus,
      String platformCode) {
    super(
        platform,
        connectionId,
        endpoint,
        httpStatus,
        platformCode,
        httpStatus == 403
            ? ": the API key is valid but may not read these runs. Give the key access to"
                + " the workflows' logs (or use a key with that scope) and re-enable the"
                + " connection."
            : ": the API key was refused (expired, revoked, or for another "
                + (platform == Platform.DIFY ? "app" : "account")
                + "). Enter a current API key for this connection and re-enable it.");
  }
}

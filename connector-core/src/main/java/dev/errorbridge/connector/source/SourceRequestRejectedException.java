package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * The platform rejected the request itself (an HTTP 3xx or 4xx other than 401, 403, 408 and 429): a
 * wrong base URL, app or API generation, or a parameter this platform version does not accept.
 * Retrying cannot help; an operator must fix the connection's settings.
 */
public class SourceRequestRejectedException extends SourceException {

  /**
   * @param platformCode the platform's error code from the body (e.g. {@code not_workflow_app}), or
   *     {@code null}
   */
  public SourceRequestRejectedException(
      Platform platform,
      String connectionId,
      String endpoint,
      int httpStatus,
      String platformCode) {
    this(
        platform,
        connectionId,
        endpoint,
        httpStatus,
        platformCode,
        ", the request was rejected. Check the connection's base URL"
            + (httpStatus / 100 == 3 ? " (it redirects: enter the final URL)" : "")
            + " and its options (app id, API generation, organization) against the platform.");
  }

  /** For a refusal with its own advice, e.g. of the key ({@link SourceAuthException}). */
  protected SourceRequestRejectedException(
      Platform platform,
      String connectionId,
      String endpoint,
      int httpStatus,
      String platformCode,
      String advice) {
    super(
        platform,
        connectionId,
        endpoint,
        httpStatus,
        "HTTP " + httpStatus + (platformCode == null ? "" : " (" + platformCode + ")") + advice,
        null);
  }
}

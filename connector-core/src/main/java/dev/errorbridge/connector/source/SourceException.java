package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * A platform could not be read. Each subclass is one failure mode that the poll engine handles its
 * own way; every message names the platform, the connection and the endpoint, says what the
 * operator should do next, and never contains the API key.
 */
public abstract class SourceException extends RuntimeException {
  private final Platform platform;
  private final String connectionId;
  private final String endpoint;
  private final Integer httpStatus;

  protected SourceException(
      Platform platform,
      String connectionId,
      String endpoint,
      Integer httpStatus,
      String problem,
      Throwable cause) {
    super(prefix(platform, connectionId, endpoint) + problem, cause);
    this.platform = platform;
    this.connectionId = connectionId;
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
  }

  /** The platform. */
  public Platform platform() {
    return platform;
  }

  /** The connection that was being read. */
  public String connectionId() {
    return connectionId;
  }

  /** The endpoint, as a method and path template, e.g. {@code GET /workflows/run/{id}}. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status the platform answered, or {@code null} when there was no answer. */
  public Integer httpStatus() {
    return httpStatus;
  }

  /** The platform's name as its users write it, e.g. {@code Dify}. */
  static String displayName(Platform platform) {
    if (platform == null) {
      return "Platform";
    }
    String id = platform.id();
    return Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }

  private static String prefix(Platform platform, String connectionId, String endpoint) {
    return displayName(platform)
        + " connection "
        + connectionId
        + (endpoint == null ? ": " : ", " + endpoint + ": ");
  }
}

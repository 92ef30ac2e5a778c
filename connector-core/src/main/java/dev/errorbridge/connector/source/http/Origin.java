package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.SourceResponseInvalidException;

/**
 * Which connection and endpoint a response came from, for the messages of the exceptions its
 * reading throws.
 *
 * @param platform the platform
 * @param connectionId the connection
 * @param endpoint method and path template, e.g. {@code GET /logs/{id}}
 */
public record Origin(Platform platform, String connectionId, String endpoint) {

  /** An exception saying that {@code field} of this response {@code problem}. */
  public SourceResponseInvalidException invalid(String field, String problem) {
    return new SourceResponseInvalidException(platform, connectionId, endpoint, field, problem);
  }
}

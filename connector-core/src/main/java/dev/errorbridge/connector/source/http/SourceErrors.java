package dev.errorbridge.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.source.SourceAuthException;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.source.SourceRequestRejectedException;
import dev.errorbridge.connector.source.SourceUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Turns what went wrong with one connection's request into the exception the engine acts on, with
 * the key masked in anything a server or library might have echoed.
 */
final class SourceErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLATFORM_CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  private final SourceConnection connection;

  SourceErrors(SourceConnection connection) {
    this.connection = connection;
  }

  SourceException failure(String endpoint, int status, byte[] body) {
    String code = platformCode(body);
    String id = connection.connectionId();
    if (status == 401 || status == 403) {
      return new SourceAuthException(connection.platform(), id, endpoint, status, code);
    }
    if (status >= 500 || status == 408) {
      return new SourceUnavailableException(
          connection.platform(),
          id,
          endpoint,
          status,
          "HTTP " + status + (code == null ? "" : " (" + code + ")"),
          null);
    }
    return new SourceRequestRejectedException(connection.platform(), id, endpoint, status, code);
  }

  SourceException timedOut(String endpoint, Duration timeout, boolean capped, Throwable cause) {
    if (capped) {
      return deadlineExceeded(endpoint, "the deadline passed");
    }
    return new SourceUnavailableException(
        connection.platform(),
        connection.connectionId(),
        endpoint,
        null,
        "no response within " + timeout.toMillis() + " ms",
        cause);
  }

  SourceDeadlineExceededException deadlineExceeded(String endpoint, String why) {
    return new SourceDeadlineExceededException(
        connection.platform(), connection.connectionId(), endpoint, why);
  }

  /**
   * The platform's error code from an error body ({@code code}, {@code error} or {@code
   * error.code}), when it looks like a code; free text is left out of messages.
   */
  private String platformCode(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        return null;
      }
      JsonNode code = node.path("code");
      if (!code.isTextual()) {
        code = node.path("error").isObject() ? node.path("error").path("code") : node.path("error");
      }
      String text = code.isTextual() ? code.asText() : null;
      return text != null && PLATFORM_CODE.matcher(text).matches() ? redact(text) : null;
    } catch (IOException e) {
      return null;
    }
  }

  String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? "" : ": " + redact(message);
  }

  /** {@code text} with the API key masked, should a server or library ever echo it. */
  String redact(String text) {
    String key = connection.apiKey().reveal();
    return text == null ? null : text.replace(key, connection.apiKey().toString());
  }
}

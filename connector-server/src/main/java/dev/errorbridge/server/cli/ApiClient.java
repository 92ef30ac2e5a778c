package dev.errorbridge.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The settings API over HTTP ({@code java.net.http}) for the CLI: sends the operator token and
 * tenant, and turns every failure into a {@link CliException} whose message says what to do.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String START_HINT =
      "start it with: java -jar connector-server/target/errorbridge-server.jar";

  private final URI base;
  private final String token;
  private final String tenant;
  private final HttpClient http;

  ApiClient(URI base, String token, String tenant) {
    this.base = base;
    this.token = token;
    this.tenant = tenant;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * A JSON response.
   *
   * @param status the HTTP status
   * @param body the body, or an empty object when there was none
   * @param etag the ETag header, or {@code null}
   */
  record Response(int status, JsonNode body, String etag) {}

  Response send(String method, String path, JsonNode body) {
    HttpResponse<String> response =
        exchange(
            request(method, path, body, Duration.ofSeconds(60)),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = parse(response.body());
    if (response.statusCode() >= 400) {
      throw refused(response.statusCode(), json, path);
    }
    return new Response(
        response.statusCode(), json, response.headers().firstValue("ETag").orElse(null));
  }

  /**
   * Sends a request whose answer is JSON lines (progress, then a summary), handing each line to
   * {@code onLine} as it arrives.
   */
  void stream(String method, String path, JsonNode body, Consumer<JsonNode> onLine) {
    HttpResponse<Stream<String>> response =
        exchange(
            request(method, path, body, Duration.ofHours(2)), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() >= 400) {
      StringBuilder text = new StringBuilder();
      response.body().forEach(text::append);
      throw refused(response.statusCode(), parse(text.toString()), path);
    }
    try (Stream<String> lines = response.body()) {
      lines.filter(line -> !line.isBlank()).map(ApiClient::parse).forEach(onLine);
    }
  }

  private HttpRequest request(String method, String path, JsonNode body, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (tenant != null) {
      request.header("X-Errorbridge-Tenant", tenant);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request.build();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (ConnectException e) {
      throw new CliException(
          ExitCodes.UNREACHABLE,
          "cannot reach "
              + base
              + ": is the server running? "
              + START_HINT
              + " (or point --url / ERRORBRIDGE_URL at it)");
    } catch (HttpTimeoutException e) {
      throw new CliException(
          ExitCodes.UNREACHABLE, base + " did not answer in time; check the server's log");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.UNREACHABLE,
          "lost the connection to " + base + " (" + e.getMessage() + "); check the server's log");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted");
    }
  }

  private CliException refused(int status, JsonNode body, String path) {
    String message = body.path("message").asText("HTTP " + status);
    StringBuilder text = new StringBuilder();
    String error = body.path("error").asText("");
    text.append(error.isEmpty() ? "HTTP " + status : error).append(": ").append(message);
    for (JsonNode problem : body.path("problems")) {
      if (message.contains(problem.path("message").asText())) {
        continue; // the message already lists it
      }
      text.append("\n  - ")
          .append(problem.path("field").asText())
          .append(": ")
          .append(problem.path("message").asText());
    }
    int code =
        switch (status) {
          case 401, 403 -> ExitCodes.UNAUTHENTICATED;
          case 404 -> ExitCodes.NOT_FOUND;
          default -> ExitCodes.REFUSED;
        };
    if (code == ExitCodes.UNAUTHENTICATED) {
      text.append(
          "\n  pass the operator token with --token or ERRORBRIDGE_TOKEN (embedded defaults keep it"
              + " in ./data/operator-token)");
    }
    return new CliException(code, text.toString());
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", text.strip());
    }
  }
}

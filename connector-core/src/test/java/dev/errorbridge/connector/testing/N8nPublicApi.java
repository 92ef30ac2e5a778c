package dev.errorbridge.connector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.secrets.SecretValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real n8n's public API ({@code /api/v1}), authenticated with {@code X-N8N-API-KEY}. Answers come
 * back as received ({@link #send}) or, for the calls a test expects to succeed, as JSON that is
 * checked to be a 200 ({@link #get}, {@link #post}, {@link #put}).
 */
public final class N8nPublicApi {
  public static final String KEY_HEADER = "X-N8N-API-KEY";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;
  private final SecretValue key;

  N8nPublicApi(HttpClient http, URI base, SecretValue key) {
    this.http = http;
    this.base = base;
    this.key = key;
  }

  /** The public API's root, e.g. {@code http://127.0.0.1:5678/api/v1/}. */
  public URI base() {
    return base;
  }

  /**
   * One request to {@code pathAndQuery} (relative to {@link #base()}, e.g. {@code
   * executions?status=error}), with {@code apiKey} as {@value #KEY_HEADER} or without the header.
   */
  public N8nResponse send(
      String method, String pathAndQuery, JsonNode body, Optional<String> apiKey) {
    return send(
        method, pathAndQuery, body, apiKey.map(k -> Map.of(KEY_HEADER, k)).orElse(Map.of()));
  }

  /** One request to {@code pathAndQuery} with exactly {@code headers} (no key unless given). */
  public N8nResponse send(
      String method, String pathAndQuery, JsonNode body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new N8nResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + pathAndQuery + " interrupted", e);
    }
  }

  /** {@code GET} with this instance's key, as received. */
  public N8nResponse send(String pathAndQuery) {
    return send("GET", pathAndQuery, null, Optional.of(key.reveal()));
  }

  public JsonNode get(String pathAndQuery) {
    return ok("GET", pathAndQuery, null);
  }

  public JsonNode post(String path, JsonNode body) {
    return ok("POST", path, body);
  }

  public JsonNode put(String path, JsonNode body) {
    return ok("PUT", path, body);
  }

  /**
   * Every item of a cursor-paged list ({@code executions?…}, {@code workflows?…}), following {@code
   * nextCursor} until it is {@code null}.
   */
  public List<JsonNode> all(String pathAndQuery) {
    List<JsonNode> items = new ArrayList<>();
    String separator = pathAndQuery.contains("?") ? "&" : "?";
    JsonNode page = get(pathAndQuery);
    page.path("data").forEach(items::add);
    while (page.hasNonNull("nextCursor")) {
      String cursor = URLEncoder.encode(page.get("nextCursor").asText(), StandardCharsets.UTF_8);
      page = get(pathAndQuery + separator + "cursor=" + cursor);
      page.path("data").forEach(items::add);
    }
    return items;
  }

  private JsonNode ok(String method, String pathAndQuery, JsonNode body) {
    N8nResponse response = send(method, pathAndQuery, body, Optional.of(key.reveal()));
    if (response.status() != 200) {
      throw new IllegalStateException(
          method
              + " /api/v1/"
              + pathAndQuery
              + " answered "
              + response.status()
              + ": "
              + response.body());
    }
    return response.json();
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "N8nPublicApi[" + base + "]";
  }
}

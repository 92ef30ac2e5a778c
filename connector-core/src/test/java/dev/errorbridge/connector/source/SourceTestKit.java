package dev.errorbridge.connector.source;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Shared pieces of the source tests: WireMock on loopback, connections, fixtures, the key. */
public final class SourceTestKit {
  /** The time every source test starts at. */
  public static final Instant NOW = Instant.parse("2026-02-03T10:00:00Z");

  /** The API key; tests assert it never leaks. */
  public static final SecretValue KEY = SecretValue.of("sk-live-TOPSECRET-9f8e7d6c5b4a3210");

  public static final String TENANT = "tnt_01JD6W3Q9ZK4";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = DefaultFailureSourceFactory.defaultHttpClient();

  private SourceTestKit() {}

  /** A WireMock server on a random loopback port, reset before each test. */
  public static WireMockExtension wireMock() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();
  }

  /** The client every test's source sends through. */
  public static HttpClient http() {
    return HTTP;
  }

  /** A connection to {@code platform} served by {@code server} under {@code basePath}. */
  public static SourceConnection.Builder connection(
      Platform platform, WireMockExtension server, String basePath) {
    return PlatformRegistry.builtIn()
        .sourceBuilder(platform)
        .tenantId(TENANT)
        .connectionId("conn_" + platform.id())
        .apiKey(KEY)
        .baseUrl(URI.create(origin(server) + basePath));
  }

  /** {@code http://127.0.0.1:<port>} of {@code server}. */
  public static String origin(WireMockExtension server) {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Ten minutes from {@code clock}'s now. */
  public static Deadline farDeadline(Clock clock) {
    return Deadline.after(Duration.ofMinutes(10), clock);
  }

  /** The text of {@code sources/<path>} on the test classpath. */
  public static String fixture(String path) {
    try (InputStream in = SourceTestKit.class.getResourceAsStream("/sources/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture sources/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The node at {@code pointer} (e.g. {@code /data}, or empty for all) of fixture {@code path}, as
   * the compact JSON a source writes into {@code rawPayload}.
   */
  public static String compact(String path, String pointer) {
    return compactJson(fixture(path), pointer);
  }

  /** {@code json}'s node at {@code pointer}, compact. */
  public static String compactJson(String json, String pointer) {
    try {
      JsonNode node = JSON.readTree(json).at(pointer);
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson, for tests that build bodies. */
  public static ObjectMapper json() {
    return JSON;
  }
}

package dev.errorbridge.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.server.ErrorbridgeServer;
import dev.errorbridge.server.config.Environment;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.config.ServerConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** In-process servers on embedded defaults (random ports, a temporary data directory). */
public final class TestServers {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String DEMO_KEY_ID = "AKIAERRORBRIDGEDEMO1";
  public static final String DEMO_SECRET = "ErrorbridgeDemoSecretKeyNotRealAWS000000";

  private TestServers() {}

  /** Starts on embedded defaults with its state in {@code data}. */
  public static Running start(Path data) {
    return Running.start(data, Map.of());
  }

  /** Starts with extra configuration variables. */
  public static Running start(Path data, Map<String, String> variables) {
    return Running.start(data, variables);
  }

  public static String runflowConnection(String name, String webhookSecret) {
    return Running.runflowConnection(name, webhookSecret);
  }

  public static String runflowFailed(String runId) {
    return Running.runflowFailed(runId);
  }

  public static String hmacHex(String secret, byte[] body) {
    return Running.hmacHex(secret, body);
  }

  /** One running server and an HTTP client for it. */
  public static final class Running implements AutoCloseable {
    public final ErrorbridgeServer server;
    public final ByteArrayOutputStream console;
    private final HttpClient http = HttpClient.newHttpClient();

    private Running(ErrorbridgeServer server, ByteArrayOutputStream console) {
      this.server = server;
      this.console = console;
    }

    static Running start(Path data, Map<String, String> variables) {
      ServerConfig config =
          new ServerConfigLoader(Environment.of(variables)).load(null).withPorts(0, 0, data);
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      ErrorbridgeServer server =
          ErrorbridgeServer.start(
              config, Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8));
      return new Running(server, console);
    }

    public URI uri(String path) {
      return server.baseUri().resolve(path);
    }

    public HttpResponse<String> send(String method, String path, String body) {
      return send(method, path, body, Map.of());
    }

    /** A request as the operator. */
    public HttpResponse<String> send(
        String method, String path, String body, Map<String, String> headers) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri(path))
              .header("Authorization", "Bearer " + server.operatorToken())
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      headers.forEach(request::header);
      return exchange(request.build());
    }

    /** A Runflow callback signed with {@code secret} (hex HMAC-SHA256 of the raw body). */
    public HttpResponse<String> runflowWebhook(String connectionId, String body, String secret) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return exchange(
          HttpRequest.newBuilder(uri("/webhooks/" + connectionId))
              .header("Content-Type", "application/json")
              .header("Runflow-Signature", hmacHex(secret, bytes))
              .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
              .build());
    }

    public HttpResponse<String> exchange(HttpRequest request) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    public JsonNode json(HttpResponse<String> response) {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Creates an enabled Runflow webhook connection to the demo bus; returns its id. */
    public String createRunflowConnection(String name, String webhookSecret) {
      HttpResponse<String> created =
          send("POST", "/connections", runflowConnection(name, webhookSecret));
      if (created.statusCode() != 201) {
        throw new AssertionError("create failed: " + created.statusCode() + " " + created.body());
      }
      return json(created).path("id").asText();
    }

    static String runflowConnection(String name, String webhookSecret) {
      return """
        {"name": "%s", "enabled": true,
         "source": {"platform": "runflow"},
         "webhook": {"secret": "%s"},
         "destination": {"region": "us-east-1", "eventBus": "errorbridge-demo",
           "auth": {"mode": "ACCESS_KEYS", "accessKeyId": "%s", "secretAccessKey": "%s"}}}
        """
          .formatted(name, webhookSecret, DEMO_KEY_ID, DEMO_SECRET);
    }

    static String runflowFailed(String runId) {
      return """
        {"event": "run.failed", "run_id": "%s", "status": "failed",
         "output": {"code": "NODE_FAILED", "message": "Node 'Upscale' failed: worker out of memory"},
         "duration_ms": 88012, "created_at": "2026-02-03T09:05:12+00:00",
         "completed_at": "2026-02-03T09:06:40+00:00", "metadata": {"customer": "acme-17"}}
        """
          .formatted(runId);
    }

    static String hmacHex(String secret, byte[] body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    public URI baseUri() {
      return server.baseUri();
    }

    public String token() {
      return server.operatorToken();
    }

    /** The embedded EventBridge/KMS/STS endpoint. */
    public URI embeddedAws() {
      return server.embedded().aws().endpoint();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}

package dev.errorbridge.connector.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.ApiResponse;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One try of the crash property: its own table, Runflow organization, connection (webhooks and
 * polls of the same runs) and clock, and the platform's side of the story: which callbacks it sent,
 * which answers reached it, which it must send again, and whether a {@code duplicate} answer came
 * for an event the bus did not have yet.
 */
final class Trial {
  static final String SECRET = "whsec-crash-property-0123456789";

  private static final ObjectMapper JSON = new ObjectMapper();

  final PropertyWorld world;
  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  final RuntimeSettings settings;
  final String connectionId;
  final List<String> runIds = new ArrayList<>();
  final Set<String> polledRuns = new LinkedHashSet<>();
  final Set<String> sentRuns = new LinkedHashSet<>();
  final Set<String> acknowledgedRuns = new LinkedHashSet<>();
  final Set<String> unanswered = new LinkedHashSet<>();
  final List<String> falseDuplicates = new ArrayList<>();

  /**
   * @param polled for each run, whether the platform's API lists it (a poll finds it)
   */
  Trial(PropertyWorld world, List<Boolean> polled) {
    this.world = world;
    String org = "org-" + UUID.randomUUID();
    this.settings = world.settings(world.newTable());
    for (int i = 0; i < polled.size(); i++) {
      String run = "run-" + i + "-" + org.substring(4, 12);
      runIds.add(run);
      if (polled.get(i)) {
        polledRuns.add(run);
      }
    }
    world.failedRuns(org, List.copyOf(polledRuns), clock.instant().minus(Duration.ofMinutes(10)));
    this.connectionId = createConnection(world.runflowBaseUrl(org));
  }

  private String createConnection(String baseUrl) {
    String body =
        """
        {"name": "crash property", "enabled": true,
         "source": {"platform": "runflow", "baseUrl": "%s", "apiKey": "%s"},
         "webhook": {"secret": "%s"},
         "destination": {"region": "us-east-1", "eventBus": "%s",
           "auth": {"mode": "ACCESS_KEYS", "accessKeyId": "%s", "secretAccessKey": "%s"}}}
        """
            .formatted(
                baseUrl,
                PropertyWorld.API_KEY,
                SECRET,
                PropertyWorld.BUS,
                PropertyWorld.CUSTOMER_KEY.accessKeyId(),
                PropertyWorld.CUSTOMER_KEY.secretAccessKey());
    try (ConnectorComponents setup =
        new ConnectorComponents(settings, PropertyWorld.RUNTIME, clock)) {
      ApiResponse created =
          setup
              .settingsApi()
              .handle(
                  new ApiRequest(
                      "POST",
                      "/connections",
                      Map.of(),
                      Map.of("Content-Type", "application/json"),
                      body.getBytes(StandardCharsets.UTF_8),
                      new Caller(PropertyWorld.TENANT, "crash-property")));
      if (created.status() != 201) {
        throw new IllegalStateException("could not create the connection: " + created.body());
      }
      return read(created.body()).path("id").asText();
    }
  }

  /** The deterministic event id of {@code runId} through this try's connection. */
  String eventIdOf(String runId) {
    return EventIds.of(PropertyWorld.TENANT, connectionId, Platform.RUNFLOW, runId);
  }

  /**
   * The platform sends {@code runId}'s signed callback to {@code process} once and takes note of
   * the answer, if one arrives.
   *
   * @return whether the answer ends the platform's retries (a 2xx)
   */
  boolean sendWebhook(Incarnation process, String runId) {
    sentRuns.add(runId);
    byte[] body = callback(runId);
    Optional<WebhookResponse> answer =
        process.webhook(
            new WebhookRequest(
                connectionId,
                WebhookHeaders.of(
                    Map.of(
                        "Content-Type", List.of("application/json"),
                        "Runflow-Signature", List.of(sign(body)))),
                Map.of(),
                body,
                clock.instant()));
    if (answer.isEmpty() || answer.get().status() == 429 || answer.get().status() >= 500) {
      unanswered.add(runId); // a dropped connection or a 5xx: the platform sends it again
      return false;
    }
    WebhookResponse response = answer.get();
    String status = read(response.body()).path("status").asText();
    if (response.status() / 100 != 2 || "ignored".equals(status)) {
      throw new AssertionError("callback " + runId + " answered " + response);
    }
    String eventId = eventIdOf(runId);
    if ("duplicate".equals(status)
        && world.busEvents(connectionId).stream().noneMatch(e -> e.eventId().equals(eventId))) {
      falseDuplicates.add(runId);
    }
    acknowledged(runId);
    return true;
  }

  private void acknowledged(String runId) {
    acknowledgedRuns.add(runId);
    unanswered.remove(runId);
  }

  private static byte[] callback(String runId) {
    return ("{\"event\":\"run.failed\",\"run_id\":\""
            + runId
            + "\",\"status\":\"failed\",\"output\":{\"code\":\"NODE_FAILED\",\"message\":"
            + "\"Node 'Upscale' failed\"},\"completed_at\":\"2026-02-03T09:06:40+00:00\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.errorbridge.server;

import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.webhook.WebhookResponse;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.http.HttpApi;
import dev.errorbridge.server.http.OperatorAuth;
import dev.errorbridge.server.http.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The pieces the server adds to {@link ConnectorComponents}: the webhook intake, the background
 * workers (poll schedule, retry drain) and their operations routes (backfill, dead letters).
 */
final class ServerWiring {
  /**
   * A background task.
   *
   * @param name its name in logs and {@code /health}
   * @param interval the delay between runs
   * @param task one run
   */
  record Worker(String name, Duration interval, Runnable task) {}

  private final WebhookEndpoint webhooks;
  private final List<Worker> workers;

  private ServerWiring(WebhookEndpoint webhooks, List<Worker> workers) {
    this.webhooks = webhooks;
    this.workers = List.copyOf(workers);
  }

  static ServerWiring of(ConnectorComponents components, ServerConfig config, Clock clock) {
    WebhookEndpoint notYet =
        request ->
            new WebhookResponse(
                503,
                Map.of("Retry-After", "60"),
                "{\"error\":\"NotAvailable\",\"message\":\"webhook intake is not in this build\"}");
    return new ServerWiring(notYet, List.of());
  }

  WebhookEndpoint webhooks() {
    return webhooks;
  }

  List<Worker> workers() {
    return workers;
  }

  List<HttpApi.Route> routes(OperatorAuth auth) {
    return List.of();
  }
}

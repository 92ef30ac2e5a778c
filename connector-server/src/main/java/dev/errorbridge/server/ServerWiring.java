package dev.errorbridge.server;

import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.http.DeadLetterRoutes;
import dev.errorbridge.server.http.HttpApi;
import dev.errorbridge.server.http.OperatorAuth;
import dev.errorbridge.server.http.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pieces the server adds to {@link ConnectorComponents}: the webhook intake with its retry
 * drain and dead-letter replay ({@link WebhookPipeline}), the poll schedule, and their operations
 * routes (backfill, dead letters).
 */
final class ServerWiring implements AutoCloseable {
  /**
   * A background task.
   *
   * @param name its name in logs and {@code /health}
   * @param interval the delay between runs
   * @param task one run
   */
  record Worker(String name, Duration interval, Runnable task) {}

  private final ConnectorComponents components;
  private final WebhookPipeline webhooks;
  private final List<Worker> workers;

  private ServerWiring(
      ConnectorComponents components, WebhookPipeline webhooks, List<Worker> workers) {
    this.components = components;
    this.webhooks = webhooks;
    this.workers = List.copyOf(workers);
  }

  static ServerWiring of(ConnectorComponents components, ServerConfig config, Clock clock) {
    WebhookPipeline webhooks = new WebhookPipeline(components, config.webhookMaxBodyBytes(), clock);
    List<Worker> workers = new ArrayList<>();
    Duration drain = config.retryDrainInterval();
    workers.add(new Worker("retry-drain", drain, () -> webhooks.drainOnce(drain)));
    return new ServerWiring(components, webhooks, workers);
  }

  WebhookEndpoint webhooks() {
    return webhooks.intake()::handle;
  }

  List<Worker> workers() {
    return workers;
  }

  List<HttpApi.Route> routes(OperatorAuth auth) {
    List<HttpApi.Route> routes = new ArrayList<>();
    routes.addAll(
        new DeadLetterRoutes(
                components.connections(),
                components.stores().deadLetters(),
                webhooks.replayer(),
                auth)
            .routes());
    return routes;
  }

  @Override
  public void close() {
    webhooks.close();
  }
}

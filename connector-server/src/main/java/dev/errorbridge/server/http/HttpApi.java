package dev.errorbridge.server.http;

import dev.errorbridge.connector.inbound.Incidents;
import dev.errorbridge.connector.settings.api.SettingsApi;
import dev.errorbridge.server.ops.AlertInbox;
import dev.errorbridge.server.ops.HealthCheck;
import dev.errorbridge.server.ops.ServerMetrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server's HTTP surface on Javalin (Jetty): the settings page, the settings API,
 * webhooks, health, metrics, the demo alert inbox and the operations routes other components add.
 * Every route but {@code /health} goes through the {@link RequestGate}, so shutdown can stop
 * admitting requests and wait for those inside.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("errorbridge.access");

  /**
   * One more route, registered before the settings API's catch-all patterns.
   *
   * @param method the HTTP method
   * @param path a Javalin path, e.g. {@code /connections/{id}/backfill}
   * @param handler the handler (it authenticates the operator itself)
   */
  public record Route(HandlerType method, String path, Handler handler) {}

  private final Javalin javalin;
  private final RequestGate gate;

  private HttpApi(Javalin javalin, RequestGate gate) {
    this.javalin = javalin;
    this.gate = gate;
  }

  /** Everything the HTTP surface serves. */
  public record Parts(
      SettingsApi settingsApi,
      OperatorAuth auth,
      WebhookEndpoint webhooks,
      int webhookMaxBodyBytes,
      HealthCheck health,
      ServerMetrics metrics,
      AlertInbox inbox,
      String inboxKey,
      List<Route> extraRoutes,
      Clock clock) {
    public Parts {
      extraRoutes = List.copyOf(extraRoutes);
    }
  }

  /**
   * Starts serving on {@code host:port} (0 = any free port).
   *
   * @param gate the gate shutdown closes
   */
  public static HttpApi start(
      String host, int port, Parts parts, RequestGate gate, Duration shutdownTimeout) {
    List<Route> routes = routes(parts, gate);
    RouteTable table = new RouteTable(routes);
    Javalin javalin =
        Javalin.create(
            config -> {
              configure(config, host, port, routes);
              config.jetty.modifyServer(
                  server -> {
                    // Methods and override headers are decided before Javalin (see MethodGuard).
                    server.insertHandler(new MethodGuard(table));
                    // Jetty's graceful stop: close the listener, then let requests inside finish
                    // (responses included, which the gate cannot see) before connections close.
                    server.insertHandler(new GracefulHandler());
                    server.setStopTimeout(shutdownTimeout.toMillis());
                    server.setErrorHandler(new JsonErrorHandler());
                  });
            });
    javalin.start();
    LOG.info("http server listening host={} port={}", host, javalin.port());
    return new HttpApi(javalin, gate);
  }

  /** Every route, in the order Javalin matches them. */
  private static List<Route> routes(Parts parts, RequestGate gate) {
    SettingsRoutes settings = new SettingsRoutes(parts.settingsApi(), parts.auth());
    WebhookRoutes webhooks =
        new WebhookRoutes(parts.webhooks(), parts.webhookMaxBodyBytes(), parts.clock());
    List<Route> routes = new ArrayList<>();
    routes.add(new Route(HandlerType.GET, "/health", ctx -> health(ctx, parts.health())));
    routes.add(
        new Route(
            HandlerType.GET,
            "/metrics",
            gate.guard(ctx -> metrics(ctx, parts.auth(), parts.metrics()))));
    routes.add(new Route(HandlerType.GET, "/openapi.yaml", settings::openApi));
    SettingsPage page = new SettingsPage();
    for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD)) {
      routes.add(new Route(method, "/", gate.guard(page::index)));
      routes.add(new Route(method, "/page/{file}", gate.guard(page::file)));
    }
    routes.add(
        new Route(HandlerType.POST, "/webhooks/{connectionId}", gate.guard(webhooks::handle)));
    if (parts.inbox() != null) {
      AlertRoutes alerts =
          new AlertRoutes(parts.inbox(), parts.inboxKey(), parts.auth(), parts.clock());
      routes.add(new Route(HandlerType.POST, "/alerts/inbox", alerts::receive));
      routes.add(new Route(HandlerType.GET, "/alerts", alerts::list));
    }
    parts
        .extraRoutes()
        .forEach(r -> routes.add(new Route(r.method(), r.path(), gate.guard(r.handler()))));
    Handler settingsHandler = gate.guard(settings::handle);
    for (String path : SettingsRoutes.paths()) {
      for (HandlerType method :
          List.of(HandlerType.GET, HandlerType.POST, HandlerType.PATCH, HandlerType.DELETE)) {
        routes.add(new Route(method, path, settingsHandler));
      }
    }
    return routes;
  }

  private static void configure(JavalinConfig config, String host, int port, List<Route> routes) {
    config.jetty.host = host;
    config.jetty.port = port;
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.defaultContentType = "application/json";
    config.requestLogger.http(HttpApi::logRequest);
    routes.forEach(r -> config.routes.addHttpHandler(r.method(), r.path(), r.handler()));
    config.routes.error(404, "*", ctx -> notFound(ctx));
    config.routes.exception(RequestRefusedException.class, HttpApi::refused);
    config.routes.exception(HttpResponseException.class, HttpApi::javalinRefusal);
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (clientWentAway(e)) {
            // The client closed the connection or stopped sending: nobody to answer, no fault.
            LOG.debug("client went away route={}", route(ctx));
            return;
          }
          Problems.writeIncident(ctx, Incidents.record(LOG, what(ctx), e));
        });
  }

  /**
   * Whether {@code e} only says the client is gone: its body ended early (Jetty's EofException is
   * an EOFException), it stalled past the idle timeout, or it closed a streamed response.
   */
  static boolean clientWentAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException || t instanceof TimeoutException) {
        return true;
      }
      if (t instanceof UncheckedIOException && JsonLines.CLIENT_GONE.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** A client's mistake found inside a handler: its problem, one DEBUG line, no stack. */
  private static void refused(RequestRefusedException e, Context ctx) {
    LOG.debug("request refused route={} status={} error={}", route(ctx), e.status(), e.error());
    if (e.field() == null) {
      Problems.write(ctx, e.status(), e.error(), e.getMessage());
    } else {
      Problems.write(ctx, e.status(), e.error(), e.getMessage(), e.field());
    }
  }

  /** Javalin's own refusals (a body over its limit, say): 4xx as problems, 5xx as incidents. */
  private static void javalinRefusal(HttpResponseException e, Context ctx) {
    if (e.getStatus() >= 500) {
      Problems.writeIncident(ctx, Incidents.record(LOG, what(ctx), e));
      return;
    }
    LOG.debug("request refused by javalin route={} status={}", route(ctx), e.getStatus());
    String reason = HttpStatus.forStatus(e.getStatus()).getMessage();
    Problems.write(ctx, e.getStatus(), reason.replace(" ", ""), reason + ": " + e.getMessage());
  }

  /** The request as an incident names it: method and route pattern, never ids or the body. */
  private static String what(Context ctx) {
    return "http " + ctx.req().getMethod() + " " + route(ctx);
  }

  private static String route(Context ctx) {
    return ctx.endpoints().list().isEmpty() ? "unmatched" : ctx.endpoint().path;
  }

  private static void notFound(Context ctx) {
    // Keep the 404s the settings API and the intake wrote; replace Javalin's own.
    if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().contains("javalin.io")) {
      Problems.write(ctx, 404, "NotFound", "no such resource; see GET /openapi.yaml");
    }
  }

  private static void health(Context ctx, HealthCheck health) {
    HealthCheck.Report report = health.run();
    ctx.status(report.up() ? 200 : 503).contentType("application/json").result(report.body());
  }

  private static void metrics(Context ctx, OperatorAuth auth, ServerMetrics metrics) {
    if (!auth.require(ctx)) {
      return;
    }
    // ?scope=replica: this replica's own gauges, without reading every connection's state.
    boolean replicaOnly = "replica".equals(ctx.queryParam("scope"));
    ctx.contentType(ServerMetrics.contentType())
        .result(replicaOnly ? metrics.renderReplica() : metrics.render());
  }

  private static void logRequest(Context ctx, Float millis) {
    if (ctx.path().equals("/health")) {
      return; // probes every few seconds would drown the log
    }
    // The method as received: Javalin's ctx.method() would read X-HTTP-Method-Override.
    ACCESS
        .atInfo()
        .addKeyValue("method", ctx.req().getMethod())
        .addKeyValue("route", route(ctx))
        .addKeyValue("status", ctx.statusCode())
        .addKeyValue("durationMs", Math.round(millis * 100) / 100.0)
        .log("http request");
  }

  /** The port it listens on. */
  public int port() {
    return javalin.port();
  }

  /** The gate, closed by shutdown before waiting for in-flight requests. */
  public RequestGate gate() {
    return gate;
  }

  /** Stops the HTTP server (connections close). */
  public void stop() {
    javalin.stop();
  }
}

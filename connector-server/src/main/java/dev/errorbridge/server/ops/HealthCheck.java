package dev.errorbridge.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: every component's check (DynamoDB reachable, KMS key usable, the background
 * workers running) and the overall status, {@code UP} only when every component is up. A check that
 * throws is down, with the exception's class as the reason (never its message, which may name
 * resources).
 */
public final class HealthCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One component's state.
   *
   * @param up whether it works
   * @param detail a short reason or description
   */
  public record Status(boolean up, String detail) {
    public static Status up(String detail) {
      return new Status(true, detail);
    }

    public static Status down(String detail) {
      return new Status(false, detail);
    }
  }

  /**
   * The outcome of one run of every check.
   *
   * @param up whether every component is up
   * @param body the JSON document
   */
  public record Report(boolean up, String body) {}

  private final Map<String, Supplier<Status>> checks = new LinkedHashMap<>();
  private String replicaId;

  /**
   * Names this replica in every report ({@code "replica"}), so a load balancer's view says which.
   */
  public HealthCheck replica(String id) {
    this.replicaId = id;
    return this;
  }

  /** Adds a component. */
  public HealthCheck component(String name, Supplier<Status> check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check. */
  public Report run() {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode components = JSON.createObjectNode();
    boolean allUp = true;
    for (Map.Entry<String, Supplier<Status>> check : checks.entrySet()) {
      Status status;
      try {
        status = check.getValue().get();
      } catch (RuntimeException e) {
        status = Status.down(e.getClass().getSimpleName());
      }
      allUp &= status.up();
      components
          .putObject(check.getKey())
          .put("status", status.up() ? "UP" : "DOWN")
          .put("detail", status.detail());
    }
    body.put("status", allUp ? "UP" : "DOWN");
    if (replicaId != null) {
      body.put("replica", replicaId);
    }
    body.set("components", components);
    return new Report(allUp, body.toString());
  }
}

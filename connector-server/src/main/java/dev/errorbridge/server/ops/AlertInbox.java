package dev.errorbridge.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo bus's "alert inbox": keeps the events its rules delivered (one alert per event, with
 * every rule that matched it) and prints each new one as one readable line. Bounded: the oldest
 * alerts go first. Thread-safe.
 */
public final class AlertInbox {
  /** Alerts kept; older ones are dropped. */
  public static final int CAPACITY = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(AlertInbox.class);

  private final Map<String, Alert> byAwsEventId = new LinkedHashMap<>(); // guarded by this
  private final PrintStream console;

  /**
   * @param console where each new alert is printed as one plain line (besides the JSON log), so
   *     that someone watching the server's terminal sees it arrive
   */
  public AlertInbox(PrintStream console) {
    this.console = console;
  }

  /**
   * Records one delivery of an EventBridge envelope by one rule.
   *
   * @return the alert, new or updated with the rule
   */
  public Alert receive(JsonNode envelope, String rule, Instant receivedAt) {
    String id = envelope.path("id").asText("");
    Alert alert;
    boolean fresh;
    synchronized (this) {
      Alert existing = byAwsEventId.get(id);
      fresh = existing == null;
      alert = fresh ? Alert.of(envelope, receivedAt) : existing;
      alert.rules().add(rule);
      if (fresh) {
        byAwsEventId.put(id, alert);
        if (byAwsEventId.size() > CAPACITY) {
          byAwsEventId.remove(byAwsEventId.keySet().iterator().next());
        }
      }
    }
    if (fresh) {
      console.println("ALERT " + alert.line());
      LOG.atInfo()
          .addKeyValue("alertEventId", alert.eventId())
          .addKeyValue("awsEventId", alert.awsEventId())
          .addKeyValue("rule", rule)
          .log("ALERT {}", alert.line());
    }
    return alert;
  }

  /** The alerts, oldest first. */
  public synchronized List<Alert> alerts() {
    return new ArrayList<>(byAwsEventId.values());
  }

  /** How many alerts are kept. */
  public synchronized int size() {
    return byAwsEventId.size();
  }

  /**
   * One event the demo bus delivered.
   *
   * @param eventId Errorbridge's event id ({@code detail.eventId}): the one the webhook answered
   *     and consumers deduplicate on; empty for an event without one
   * @param awsEventId the id EventBridge gave this event (the envelope's {@code id})
   * @param detailType e.g. {@code Workflow Execution Failed}
   * @param source e.g. {@code errorbridge.runflow}
   * @param detail the event's detail
   * @param receivedAt when the inbox got it first
   * @param rules the rules that matched it
   */
  public record Alert(
      String eventId,
      String awsEventId,
      String detailType,
      String source,
      JsonNode detail,
      Instant receivedAt,
      Set<String> rules) {

    static Alert of(JsonNode envelope, Instant receivedAt) {
      return new Alert(
          envelope.path("detail").path("eventId").asText(""),
          envelope.path("id").asText(""),
          envelope.path("detail-type").asText(""),
          envelope.path("source").asText(""),
          envelope.path("detail"),
          receivedAt,
          new LinkedHashSet<>());
    }

    /** One readable line: what failed, where, and why. */
    public String line() {
      JsonNode workflow = detail.path("workflow");
      JsonNode execution = detail.path("execution");
      JsonNode error = detail.path("error");
      String workflowName = workflow.path("name").asText(workflow.path("id").asText("?"));
      String message = error.path("message").asText("");
      return detailType
          + " | "
          + detail.path("platform").asText(source)
          + " workflow "
          + workflowName
          + " execution "
          + execution.path("id").asText("?")
          + (message.isEmpty() ? "" : " | " + abbreviate(message, 200))
          + " | connection "
          + detail.path("connectionId").asText("?");
    }

    private static String abbreviate(String text, int max) {
      String oneLine = text.replaceAll("\\s+", " ");
      return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
  }
}

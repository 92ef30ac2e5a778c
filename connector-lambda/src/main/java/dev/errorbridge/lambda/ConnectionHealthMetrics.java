package dev.errorbridge.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Publishes {@code Errorbridge/SuspendedConnections} and {@code Errorbridge/ConnectionsInError}
 * (Count, no dimensions) in CloudWatch's Embedded Metric Format: one JSON line on stdout, which
 * Lambda ships to CloudWatch Logs, where it becomes the metrics. No {@code PutMetricData} call and
 * no IAM grant is needed, and nothing is lost to a throttled API call. Published every run,
 * including 0, so that the alarms return to OK.
 */
final class ConnectionHealthMetrics {
  static final String NAMESPACE = "Errorbridge";
  static final String SUSPENDED = "SuspendedConnections";
  static final String IN_ERROR = "ConnectionsInError";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final Clock clock;

  ConnectionHealthMetrics(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Writes the metrics' EMF line. */
  void publish(long suspended, long inError) {
    ObjectNode line = JSON.createObjectNode();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    directive.putArray("Dimensions").addArray();
    ArrayNode metrics = directive.putArray("Metrics");
    metrics.addObject().put("Name", SUSPENDED).put("Unit", "Count");
    metrics.addObject().put("Name", IN_ERROR).put("Unit", "Count");
    line.put(SUSPENDED, suspended);
    line.put(IN_ERROR, inError);
    out.println(line);
    out.flush();
  }
}

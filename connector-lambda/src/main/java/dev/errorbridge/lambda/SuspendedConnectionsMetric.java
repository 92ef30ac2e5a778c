package dev.errorbridge.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Publishes {@code Errorbridge/SuspendedConnections} (Count, no dimensions) in CloudWatch's
 * Embedded Metric Format: one JSON line on stdout, which Lambda ships to CloudWatch Logs, where it
 * becomes the metric. No {@code PutMetricData} call and no IAM grant is needed, and nothing is lost
 * to a throttled API call. Published every run, including 0, so that the alarm returns to OK.
 */
final class SuspendedConnectionsMetric {
  static final String NAMESPACE = "Errorbridge";
  static final String NAME = "SuspendedConnections";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final Clock clock;

  SuspendedConnectionsMetric(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Writes the metric's EMF line. */
  void publish(long suspended) {
    ObjectNode line = JSON.createObjectNode();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    directive.putArray("Dimensions").addArray();
    directive.putArray("Metrics").addObject().put("Name", NAME).put("Unit", "Count");
    line.put(NAME, suspended);
    out.println(line);
    out.flush();
  }
}

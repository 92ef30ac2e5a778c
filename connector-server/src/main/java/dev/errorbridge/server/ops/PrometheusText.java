package dev.errorbridge.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): each metric's {@code # HELP} and
 * {@code # TYPE} once, then its samples, with label values escaped.
 */
final class PrometheusText {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private record Family(String help, String type, StringBuilder samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  PrometheusText declare(String name, String type, String help) {
    families.putIfAbsent(name, new Family(help, type, new StringBuilder()));
    return this;
  }

  /**
   * Adds one sample of a declared metric.
   *
   * @param labels alternating label names and values
   */
  PrometheusText sample(String name, double value, List<String> labels) {
    StringBuilder out = families.get(name).samples();
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      for (int i = 0; i < labels.size(); i += 2) {
        if (i > 0) {
          out.append(',');
        }
        out.append(labels.get(i)).append("=\"").append(escape(labels.get(i + 1))).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(format(value)).append('\n');
    return this;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    families.forEach(
        (name, family) -> {
          out.append("# HELP ").append(name).append(' ').append(family.help()).append('\n');
          out.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
          out.append(family.samples());
        });
    return out.toString();
  }

  private static String format(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value)
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

package dev.errorbridge.server.config;

import java.util.Map;

/**
 * The process environment, behind a seam so that tests pass their own variables; the only place the
 * server reads {@code System.getenv}.
 */
@FunctionalInterface
public interface Environment {

  /** The variable's value, or {@code null} when it is not set. */
  String get(String name);

  /** The real process environment. */
  static Environment system() {
    return System::getenv;
  }

  /** Fixed variables, for tests. */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return copy::get;
  }
}

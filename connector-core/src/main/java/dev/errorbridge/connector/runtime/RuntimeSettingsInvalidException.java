package dev.errorbridge.connector.runtime;

import java.util.List;

/** The runtime configuration is incomplete or wrong; every problem is listed with its fix. */
public class RuntimeSettingsInvalidException extends RuntimeException {
  private final transient List<String> problems;

  public RuntimeSettingsInvalidException(List<String> problems) {
    super("Errorbridge cannot start: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

package dev.errorbridge.connector.credentials;

import java.util.List;

/** A credentials setting is invalid; the message lists every problem and how to fix it. */
public class CredentialsConfigInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public CredentialsConfigInvalidException(List<String> problems) {
    super("Invalid credentials configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

package dev.errorbridge.connector;

import java.util.List;

/**
 * A source built a {@link FailedExecution} that is missing something the event contract requires.
 * The message lists every problem with the field it concerns; it never carries payload values.
 */
public class FailedExecutionInvalidException extends InvalidSettingsException {
  public FailedExecutionInvalidException(List<String> problems) {
    super("Invalid failed execution", problems);
  }
}

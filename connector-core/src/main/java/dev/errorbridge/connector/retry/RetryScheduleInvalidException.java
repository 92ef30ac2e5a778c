package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/** A {@link RetrySchedule} setting is invalid; the message lists every problem and its fix. */
public class RetryScheduleInvalidException extends InvalidSettingsException {
  public RetryScheduleInvalidException(List<String> problems) {
    super("Invalid retry schedule", problems);
  }
}

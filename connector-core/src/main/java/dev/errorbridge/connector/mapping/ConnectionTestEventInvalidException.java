package dev.errorbridge.connector.mapping;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/**
 * A connection-test event was asked for without what it must carry. The message lists every missing
 * field.
 */
public class ConnectionTestEventInvalidException extends InvalidSettingsException {
  public ConnectionTestEventInvalidException(List<String> problems) {
    super("Invalid connection test", problems);
  }
}

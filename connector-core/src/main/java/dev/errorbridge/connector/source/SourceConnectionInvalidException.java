package dev.errorbridge.connector.source;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/**
 * A source connection's settings are invalid; the message lists every problem and how to fix it,
 * never the API key.
 */
public class SourceConnectionInvalidException extends InvalidSettingsException {
  public SourceConnectionInvalidException(List<String> problems) {
    super("Invalid source connection", problems);
  }
}

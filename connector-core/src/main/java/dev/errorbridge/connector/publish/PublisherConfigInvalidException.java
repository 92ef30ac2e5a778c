package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/**
 * A publisher setting or destination is invalid; the message lists every problem and how to fix it.
 */
public class PublisherConfigInvalidException extends InvalidSettingsException {
  public PublisherConfigInvalidException(List<String> problems) {
    super("Invalid publisher configuration", problems);
  }
}

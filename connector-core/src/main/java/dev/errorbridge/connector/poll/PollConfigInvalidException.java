package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/** A poll engine setting is invalid; the message lists every problem and how to fix it. */
public class PollConfigInvalidException extends InvalidSettingsException {
  public PollConfigInvalidException(List<String> problems) {
    super("Invalid poll configuration", problems);
  }
}

package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/** A credentials setting is invalid; the message lists every problem and how to fix it. */
public class CredentialsConfigInvalidException extends InvalidSettingsException {
  public CredentialsConfigInvalidException(List<String> problems) {
    super("Invalid credentials configuration", problems);
  }
}

package dev.errorbridge.connector.runtime;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/** The runtime configuration is incomplete or wrong; every problem is listed with its fix. */
public class RuntimeSettingsInvalidException extends InvalidSettingsException {
  public RuntimeSettingsInvalidException(List<String> problems) {
    super("Errorbridge cannot start", problems);
  }
}

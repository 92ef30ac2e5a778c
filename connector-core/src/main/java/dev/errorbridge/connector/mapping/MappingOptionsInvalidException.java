package dev.errorbridge.connector.mapping;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/**
 * {@link MappingOptions.Builder#build()} was given settings it cannot use. The message lists every
 * invalid setting at once, naming the field and how to fix it.
 */
public class MappingOptionsInvalidException extends InvalidSettingsException {
  public MappingOptionsInvalidException(List<String> problems) {
    super("Invalid mapping options", problems);
  }
}

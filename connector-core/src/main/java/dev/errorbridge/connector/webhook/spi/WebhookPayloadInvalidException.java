package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/**
 * A verified webhook body cannot become a failed execution: it is not JSON, nests too deeply, or
 * misses or garbles a field. The receiver answers 400 with {@link #problems()}. Each problem names
 * the field (or JSON Pointer) it concerns, never a value from the body.
 */
public class WebhookPayloadInvalidException extends InvalidSettingsException {
  public WebhookPayloadInvalidException(List<String> problems) {
    super("Invalid webhook payload", problems, true);
  }
}

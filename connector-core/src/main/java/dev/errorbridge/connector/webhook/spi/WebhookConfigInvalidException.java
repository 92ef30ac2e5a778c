package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.InvalidSettingsException;
import java.util.List;

/**
 * A webhook setting (a connection's {@link WebhookSettings}, its field mapping, or the receiver's
 * limits) is invalid. The message lists every problem and how to fix it; it never carries a secret.
 */
public class WebhookConfigInvalidException extends InvalidSettingsException {
  public WebhookConfigInvalidException(List<String> problems) {
    super("Invalid webhook configuration", problems);
  }
}

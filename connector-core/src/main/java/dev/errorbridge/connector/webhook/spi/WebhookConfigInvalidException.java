package dev.errorbridge.connector.webhook.spi;

import java.util.List;

/**
 * A webhook setting (a connection's {@link WebhookSettings}, its field mapping, or the receiver's
 * limits) is invalid. The message lists every problem and how to fix it; it never carries a secret.
 */
public class WebhookConfigInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public WebhookConfigInvalidException(List<String> problems) {
    super("Invalid webhook configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its setting. */
  public List<String> problems() {
    return problems;
  }
}

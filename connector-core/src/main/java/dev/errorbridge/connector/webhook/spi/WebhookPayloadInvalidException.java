package dev.errorbridge.connector.webhook.spi;

import java.util.List;

/**
 * A verified webhook body cannot become a failed execution: it is not JSON, nests too deeply, or
 * misses or garbles a field. The receiver answers 400 with {@link #problems()}. Each problem names
 * the field (or JSON Pointer) it concerns, never a value from the body.
 */
public class WebhookPayloadInvalidException extends RuntimeException {
  private final List<String> problems;

  public WebhookPayloadInvalidException(List<String> problems) {
    // No stack trace: it is thrown for every bad request and answered as 400, never logged as a
    // bug.
    super("Invalid webhook payload: " + String.join("; ", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its field. */
  public List<String> problems() {
    return problems;
  }
}

package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecutionInvalidException;
import java.util.List;
import java.util.function.Supplier;

/** What every parser does with the failure it read. */
public final class ParsedFailures {
  private ParsedFailures() {}

  /** Pushed, detected when the request arrived. */
  public static FailedExecution.Delivery delivery(WebhookRequest request) {
    return new FailedExecution.Delivery(DeliveryPath.WEBHOOK, request.receivedAt());
  }

  /**
   * Accepts the failure {@code build} makes; the model's own checks (blank ids, a finish before the
   * start) become payload problems, answered 400 like the parser's.
   */
  public static WebhookReceipt.Accepted accept(Supplier<FailedExecution> build) {
    try {
      return new WebhookReceipt.Accepted(build.get());
    } catch (FailedExecutionInvalidException e) {
      throw new WebhookPayloadInvalidException(e.problems());
    }
  }

  public static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new WebhookPayloadInvalidException(problems);
    }
  }
}

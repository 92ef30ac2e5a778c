package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.Platform;
import java.util.Map;
import java.util.Objects;

/**
 * Parses each request as its connection's platform sends it: {@link RunflowCallbackParser}, {@link
 * AlloyErrorParser} or {@link GenericWebhookParser}.
 */
public final class DefaultWebhookParser implements WebhookParser {
  private final Map<Platform, WebhookParser> parsers;

  public DefaultWebhookParser() {
    this(new RunflowCallbackParser(), new AlloyErrorParser(), new GenericWebhookParser());
  }

  public DefaultWebhookParser(WebhookParser runflow, WebhookParser alloy, WebhookParser generic) {
    this.parsers =
        Map.of(
            Platform.RUNFLOW, Objects.requireNonNull(runflow, "runflow"),
            Platform.ALLOY, Objects.requireNonNull(alloy, "alloy"),
            Platform.WEBHOOK, Objects.requireNonNull(generic, "generic"),
            Platform.N8N, new dev.errorbridge.connector.platform.n8n.N8nWebhookParser());
  }

  @Override
  public WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings) {
    WebhookParser parser = parsers.get(settings.platform());
    if (parser == null) {
      // WebhookSettings admits only the three pushing platforms.
      throw new IllegalArgumentException(
          "platform " + settings.platform().id() + " has no webhook");
    }
    return parser.parse(request, body, settings);
  }
}

package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.platform.alloy.AlloyErrorParser;
import dev.errorbridge.connector.platform.runflow.RunflowCallbackParser;
import dev.errorbridge.connector.platform.webhook.GenericWebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;

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
            Platform.WEBHOOK, Objects.requireNonNull(generic, "generic"));
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

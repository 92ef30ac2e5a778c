package dev.errorbridge.connector.platform.n8n;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.OptionValues;
import dev.errorbridge.connector.platform.PlatformDescriptor;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.PollSupport;
import dev.errorbridge.connector.platform.SourceContext;
import dev.errorbridge.connector.platform.WebhookSupport;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.webhook.spi.ErrorbridgeSignatureVerifier;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import java.net.URI;
import java.util.Set;

/**
 * n8n (self-hosted or Cloud): polled through its public API v1 ({@link N8nFailureSource}), and
 * pushing through its Error Trigger sample, signed like the generic webhook ({@link
 * ErrorbridgeSignatureVerifier}, the SPI's default verifier) and read by {@link N8nWebhookParser}
 * so that a push and a poll of one execution are one event.
 */
public final class N8nPlugin implements PlatformPlugin, PollSupport, WebhookSupport {
  /** n8n's id, {@code n8n}: {@code source.platform} of its connections, {@code errorbridge.n8n}. */
  public static final Platform N8N = Platform.of("n8n");

  // The API documentation: n8n's published OpenAPI document ("n8n Public API" 1.1.1 in n8n
  // 1.123.81).
  private static final PlatformDescriptor DESCRIPTOR =
      new PlatformDescriptor(
          N8N,
          "n8n",
          URI.create(
              "https://github.com/n8n-io/n8n/blob/master/packages/cli/src/public-api/v1/openapi.yml"));

  @Override
  public PlatformDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of("pageSize", "manualRuns");
  }

  @Override
  public PlatformOptions readOptions(OptionValues values) {
    return new N8nOptions(
        values.integer("pageSize", N8nOptions.DEFAULT_PAGE_SIZE), values.bool("manualRuns", false));
  }

  @Override
  public PlatformOptions defaultOptions() {
    return N8nOptions.defaults();
  }

  @Override
  public FailureSource newSource(SourceConnection connection, SourceContext context) {
    return new N8nFailureSource(connection, context.http(), context.clock());
  }

  @Override
  public WebhookParser parser() {
    return new N8nWebhookParser();
  }
}

package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.EnricherContext;
import dev.errorbridge.connector.platform.OptionValues;
import dev.errorbridge.connector.platform.PlatformDescriptor;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.PollSupport;
import dev.errorbridge.connector.platform.SourceContext;
import dev.errorbridge.connector.platform.WebhookContext;
import dev.errorbridge.connector.platform.WebhookSupport;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Alloy Embedded: polled through {@code GET /logs} ({@link AlloyFailureSource}), and pushing its
 * Logging webhook ({@link AlloyTokenVerifier}, {@link AlloyErrorParser}), which {@link
 * AlloyWebhookEnricher} gives the poller's execution id when the connection has an API key.
 */
public final class AlloyPlugin implements PlatformPlugin, PollSupport, WebhookSupport {

  private static final PlatformDescriptor DESCRIPTOR =
      new PlatformDescriptor(
          Platform.ALLOY,
          "Alloy Embedded",
          URI.create("https://docs.runalloy.com/reference/embedded/get-logs"));

  @Override
  public PlatformDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of("generation", "userId", "pageSize", "serverTimeFilter");
  }

  @Override
  public PlatformOptions readOptions(OptionValues values) {
    Optional<AlloyApiGeneration> generation =
        AlloyApiGeneration.ofVersion(values.text("generation", "2025-09"));
    if (generation.isEmpty()) {
      values.problem("option generation must be 2025-09, 2024-03 or 2023-12");
    }
    return new AlloyOptions(
        generation.orElse(AlloyApiGeneration.V2025_09),
        values.integer("pageSize", AlloyOptions.DEFAULT_PAGE_SIZE),
        values.text("userId"),
        values.bool("serverTimeFilter", true));
  }

  @Override
  public PlatformOptions defaultOptions() {
    return AlloyOptions.defaults();
  }

  @Override
  public FailureSource newSource(SourceConnection connection, SourceContext context) {
    return new AlloyFailureSource(connection, context.http(), context.clock());
  }

  @Override
  public WebhookVerifier verifier(WebhookContext context) {
    return new AlloyTokenVerifier(new DefaultAlloySignatureVerifier());
  }

  @Override
  public WebhookParser parser() {
    return new AlloyErrorParser();
  }

  @Override
  public WebhookEnricher enricher(EnricherContext context) {
    return AlloyWebhookEnricher.create(
        context.sources(), context.http(), AlloyWebhookEnricher.DEFAULT_BUDGET, context.clock());
  }
}

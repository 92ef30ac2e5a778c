package dev.errorbridge.connector.platform.runflow;

import dev.errorbridge.connector.Platform;
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
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.net.URI;
import java.util.Set;

/**
 * Runflow: polled through {@code GET /v1/runs}, and pushing signed run callbacks ({@link
 * RunflowSignatureVerifier}, {@link RunflowCallbackParser}).
 */
public final class RunflowPlugin implements PlatformPlugin, PollSupport, WebhookSupport {

  private static final PlatformDescriptor DESCRIPTOR =
      new PlatformDescriptor(
          Platform.RUNFLOW,
          "Runflow",
          URI.create("https://docs.runflow.io/api-reference/runs/search-runs"));

  @Override
  public PlatformDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of("pageSize", "organizationId", "nodeRuns");
  }

  @Override
  public PlatformOptions readOptions(OptionValues values) {
    return new RunflowOptions(
        values.integer("pageSize", RunflowOptions.MAX_PAGE_SIZE),
        values.text("organizationId"),
        values.bool("nodeRuns", true));
  }

  @Override
  public PlatformOptions defaultOptions() {
    return RunflowOptions.defaults();
  }

  @Override
  public FailureSource newSource(SourceConnection connection, SourceContext context) {
    return new RunflowFailureSource(connection, context.http(), context.clock());
  }

  @Override
  public WebhookVerifier verifier(WebhookContext context) {
    return new RunflowSignatureVerifier();
  }

  @Override
  public WebhookParser parser() {
    return new RunflowCallbackParser();
  }
}

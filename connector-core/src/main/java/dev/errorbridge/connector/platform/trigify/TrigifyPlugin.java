package dev.errorbridge.connector.platform.trigify;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.OptionValues;
import dev.errorbridge.connector.platform.PlatformDescriptor;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.PollSupport;
import dev.errorbridge.connector.platform.SourceContext;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnection;
import java.net.URI;
import java.util.Set;

/** Trigify: polled workflow by workflow within its 100 requests/minute; no webhook. */
public final class TrigifyPlugin implements PlatformPlugin, PollSupport {

  private static final PlatformDescriptor DESCRIPTOR =
      new PlatformDescriptor(
          Platform.TRIGIFY,
          "Trigify",
          URI.create("https://docs.trigify.io/api-reference/workflows/execution"));

  @Override
  public PlatformDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of("pageSize", "requestsPerMinute", "workflowStatus", "maxPagesPerWorkflow");
  }

  @Override
  public PlatformOptions readOptions(OptionValues values) {
    return new TrigifyOptions(
        values.integer("pageSize", TrigifyOptions.MAX_PAGE_SIZE),
        values.integer("requestsPerMinute", TrigifyOptions.MAX_REQUESTS_PER_MINUTE),
        values.text("workflowStatus"),
        values.integer("maxPagesPerWorkflow", TrigifyOptions.DEFAULT_MAX_PAGES_PER_WORKFLOW));
  }

  @Override
  public PlatformOptions defaultOptions() {
    return TrigifyOptions.defaults();
  }

  @Override
  public FailureSource newSource(SourceConnection connection, SourceContext context) {
    return new TrigifyFailureSource(connection, context.http(), context.clock(), context.sleeper());
  }
}

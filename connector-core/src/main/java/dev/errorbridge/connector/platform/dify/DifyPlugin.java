package dev.errorbridge.connector.platform.dify;

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

/** Dify: one app per connection, polled through {@code GET /workflows/logs}; no webhook. */
public final class DifyPlugin implements PlatformPlugin, PollSupport {

  private static final PlatformDescriptor DESCRIPTOR =
      new PlatformDescriptor(
          Platform.DIFY,
          "Dify",
          URI.create("https://docs.dify.ai/api-reference/chatflows/list-workflow-logs"));

  @Override
  public PlatformDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of("appId", "appName", "pageSize");
  }

  @Override
  public PlatformOptions readOptions(OptionValues values) {
    return new DifyOptions(
        values.text("appId"),
        values.text("appName"),
        values.integer("pageSize", DifyOptions.MAX_PAGE_SIZE));
  }

  /** None: a Dify key belongs to one app, which the connection must name. */
  @Override
  public PlatformOptions defaultOptions() {
    return null;
  }

  @Override
  public FailureSource newSource(SourceConnection connection, SourceContext context) {
    return new DifyFailureSource(connection, context.http(), context.clock());
  }
}

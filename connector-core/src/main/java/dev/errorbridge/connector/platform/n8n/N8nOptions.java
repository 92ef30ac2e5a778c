package dev.errorbridge.connector.platform.n8n;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.net.URI;
import java.util.List;

/**
 * n8n settings. The connection's {@code baseUrl} is the instance's address (e.g. {@code
 * https://n8n.example.com} or {@code https://acme.app.n8n.cloud}); {@code /api/v1} is added unless
 * the URL already ends in it. Its API key is an n8n public-API key ({@code X-N8N-API-KEY}) with the
 * scopes {@code execution:list}, {@code execution:read} and {@code workflow:read}.
 *
 * @param pageSize executions per {@code GET /api/v1/executions} page, 1 to 250 (n8n 1.123.81
 *     answers 400 above 250, and {@code limit=0} lists everything, so 0 is refused here)
 * @param manualRuns whether runs started by hand in the editor ({@code mode: manual}) are reported.
 *     Off by default: they are someone testing a workflow, and n8n never hands them to an error
 *     workflow, so the push path could never report them and poll and push would disagree
 */
public record N8nOptions(int pageSize, boolean manualRuns) implements PlatformOptions {
  /** n8n's maximum {@code limit} (its OpenAPI document's {@code limit} parameter). */
  public static final int MAX_PAGE_SIZE = 250;

  /** n8n's own default {@code limit}. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  public N8nOptions {
    // One setting to check, so no collector: the exception still lists its problems.
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new SourceConnectionInvalidException(
          List.of(
              "n8n.pageSize must be between 1 and 250 (n8n refuses more, and 0 would make it list"
                  + " every execution at once)"));
    }
  }

  /** Pages of 100 (n8n's default), manual runs left out. */
  public static N8nOptions defaults() {
    return new N8nOptions(DEFAULT_PAGE_SIZE, false);
  }

  @Override
  public Platform platform() {
    return N8nPlugin.N8N;
  }

  /**
   * None: every n8n is its operator's own instance (n8n Cloud's too, {@code
   * https://<name>.app.n8n.cloud}), so a connection must name its {@code baseUrl}.
   */
  @Override
  public URI defaultBaseUrl() {
    return null;
  }
}

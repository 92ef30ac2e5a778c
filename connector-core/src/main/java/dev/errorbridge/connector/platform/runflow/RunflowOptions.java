package dev.errorbridge.connector.platform.runflow;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Runflow settings.
 *
 * @param pageSize runs per {@code GET /v1/runs} page, 1 to 500 (Runflow's maximum)
 * @param organizationId sent as {@code X-Organization-Id}, or {@code null} for the key's default
 * @param nodeRuns whether to read the failed nodes' errors ({@code GET /v1/runs/{id}/node-runs})
 *     when the run detail does not embed them
 */
public record RunflowOptions(int pageSize, String organizationId, boolean nodeRuns)
    implements PlatformOptions {
  public static final int MAX_PAGE_SIZE = 500;

  public static final URI BASE_URL = URI.create("https://api.runflow.io");

  public RunflowOptions {
    List<String> problems = new ArrayList<>();
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      problems.add("runflow.pageSize must be between 1 and 500 (Runflow's limit)");
    }
    if (organizationId != null && organizationId.isBlank()) {
      problems.add("runflow.organizationId must be null or a Runflow organization id");
    }
    if (!problems.isEmpty()) {
      throw new SourceConnectionInvalidException(problems);
    }
  }

  /** Pages of 500, the key's organization, node errors read. */
  public static RunflowOptions defaults() {
    return new RunflowOptions(MAX_PAGE_SIZE, null, true);
  }

  @Override
  public Platform platform() {
    return Platform.RUNFLOW;
  }

  @Override
  public URI defaultBaseUrl() {
    return BASE_URL;
  }
}

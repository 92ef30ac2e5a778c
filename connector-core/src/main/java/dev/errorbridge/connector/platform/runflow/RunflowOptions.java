package dev.errorbridge.connector.platform.runflow;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.net.URI;

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
    SettingProblems problems = new SettingProblems();
    problems.check(
        SettingProblems.within(pageSize, 1, MAX_PAGE_SIZE),
        "runflow.pageSize must be between 1 and 500 (Runflow's limit)");
    problems.check(
        organizationId == null || !organizationId.isBlank(),
        "runflow.organizationId must be null or a Runflow organization id");
    problems.throwIfAny(SourceConnectionInvalidException::new);
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

package dev.errorbridge.connector.platform.trigify;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.net.URI;
import java.util.Set;

/**
 * Trigify settings.
 *
 * @param pageSize rows per page of workflows and of executions, 1 to 100 (Trigify's maximum)
 * @param requestsPerMinute the share of the key's 100 requests/minute this connection may use;
 *     lower it when something else uses the same key
 * @param workflowStatus only workflows in this state ({@code DRAFT} or {@code PUBLISHED}), or
 *     {@code null} for all
 * @param maxPagesPerWorkflow a guard on one workflow's execution pages per scan: Trigify's order is
 *     undocumented, so a scan may have to read a workflow to its end; past this it stops and
 *     reports the scan incomplete
 */
public record TrigifyOptions(
    int pageSize, int requestsPerMinute, String workflowStatus, int maxPagesPerWorkflow)
    implements PlatformOptions {
  public static final int MAX_PAGE_SIZE = 100;

  public static final URI BASE_URL = URI.create("https://api.trigify.io/v1");

  /** Trigify's documented limit: 100 requests per 60 s per key. */
  public static final int MAX_REQUESTS_PER_MINUTE = 100;

  public static final int DEFAULT_MAX_PAGES_PER_WORKFLOW = 50;

  public TrigifyOptions {
    SettingProblems problems = new SettingProblems();
    problems.check(
        SettingProblems.within(pageSize, 1, MAX_PAGE_SIZE),
        "trigify.pageSize must be between 1 and 100 (Trigify's limit)");
    problems.check(
        SettingProblems.within(requestsPerMinute, 1, MAX_REQUESTS_PER_MINUTE),
        "trigify.requestsPerMinute must be between 1 and 100 (Trigify's limit)");
    problems.check(
        workflowStatus == null || Set.of("DRAFT", "PUBLISHED").contains(workflowStatus),
        "trigify.workflowStatus must be null, DRAFT or PUBLISHED");
    problems.check(maxPagesPerWorkflow >= 1, "trigify.maxPagesPerWorkflow must be at least 1");
    problems.throwIfAny(SourceConnectionInvalidException::new);
  }

  /** Pages of 100, the whole 100 requests/minute, every workflow, at most 50 pages each. */
  public static TrigifyOptions defaults() {
    return new TrigifyOptions(
        MAX_PAGE_SIZE, MAX_REQUESTS_PER_MINUTE, null, DEFAULT_MAX_PAGES_PER_WORKFLOW);
  }

  @Override
  public Platform platform() {
    return Platform.TRIGIFY;
  }

  @Override
  public URI defaultBaseUrl() {
    return BASE_URL;
  }
}

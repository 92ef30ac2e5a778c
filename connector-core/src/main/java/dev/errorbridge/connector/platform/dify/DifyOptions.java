package dev.errorbridge.connector.platform.dify;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.net.URI;

/**
 * Dify settings. A Dify API key belongs to one app, so one connection watches one app.
 *
 * @param appId the app's id (from its console URL): the failures' stable {@code workflow.id}, since
 *     the runs only name the workflow's version
 * @param appName the app's name for {@code workflow.name}, or {@code null}
 * @param pageSize rows per {@code GET /workflows/logs} page, 1 to 100 (Dify's maximum)
 */
public record DifyOptions(String appId, String appName, int pageSize) implements PlatformOptions {
  public static final int MAX_PAGE_SIZE = 100;

  /** Dify Cloud; self-hosted installs set their own, {@code https://<host>/v1}. */
  public static final URI CLOUD_BASE_URL = URI.create("https://api.dify.ai/v1");

  public DifyOptions {
    SettingProblems problems = new SettingProblems();
    problems.check(
        appId != null && !appId.isBlank(),
        "dify.appId is required: the id in the app's console URL (/app/<id>/...)");
    problems.check(
        SettingProblems.within(pageSize, 1, MAX_PAGE_SIZE),
        "dify.pageSize must be between 1 and 100 (Dify's limit)");
    problems.throwIfAny(SourceConnectionInvalidException::new);
  }

  /** The app {@code appId}, unnamed, with pages of 100. */
  public static DifyOptions forApp(String appId) {
    return new DifyOptions(appId, null, MAX_PAGE_SIZE);
  }

  @Override
  public Platform platform() {
    return Platform.DIFY;
  }

  @Override
  public URI defaultBaseUrl() {
    return CLOUD_BASE_URL;
  }
}

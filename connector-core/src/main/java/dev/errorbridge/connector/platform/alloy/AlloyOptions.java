package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.net.URI;
import java.time.Duration;

/**
 * Alloy Embedded settings.
 *
 * @param generation the API generation (its base URL and version header)
 * @param pageSize rows per {@code GET /logs} page; Alloy documents no maximum, so the default stays
 *     small and the adapter halves it when Alloy answers 400
 * @param userId only this end user's runs ({@code associatedUserId}), or {@code null} for all
 * @param serverTimeFilter whether to send the window to Alloy as {@code createdAt} filters. The
 *     value format Alloy expects there is undocumented (ISO 8601 is sent); the adapter also filters
 *     every row itself, so turning this off costs pages, never failures
 */
public record AlloyOptions(
    AlloyApiGeneration generation, int pageSize, String userId, boolean serverTimeFilter)
    implements PlatformOptions {
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int MAX_PAGE_SIZE = 500;

  /** Alloy writes the error log when the run ends, so a small overlap is enough. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);

  public AlloyOptions {
    SettingProblems problems = new SettingProblems();
    problems.check(
        generation != null, "alloy.generation is required (V2025_09, V2024_03 or V2023_12)");
    problems.check(
        SettingProblems.within(pageSize, 1, MAX_PAGE_SIZE),
        "alloy.pageSize must be between 1 and " + MAX_PAGE_SIZE);
    problems.check(
        userId == null || !userId.isBlank(), "alloy.userId must be null or an Alloy user id");
    problems.throwIfAny(SourceConnectionInvalidException::new);
  }

  /** 2025-09, pages of 50, all users, window sent to Alloy. */
  public static AlloyOptions defaults() {
    return new AlloyOptions(AlloyApiGeneration.V2025_09, DEFAULT_PAGE_SIZE, null, true);
  }

  @Override
  public Platform platform() {
    return Platform.ALLOY;
  }

  /** The generation's US base URL (the EU host is not documented). */
  @Override
  public URI defaultBaseUrl() {
    return generation.defaultBaseUrl();
  }

  @Override
  public Duration defaultLookback() {
    return DEFAULT_LOOKBACK;
  }
}

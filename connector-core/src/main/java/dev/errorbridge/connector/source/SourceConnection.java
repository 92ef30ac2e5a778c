package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.secrets.SecretValue;
import java.net.URI;
import java.time.Duration;

/**
 * One platform connection as a source sees it. The API key is already decrypted by the caller; it
 * is a {@link SecretValue}, so this record's {@code toString}, and every exception a source throws,
 * show a mask instead.
 *
 * @param tenantId the Errorbridge tenant
 * @param connectionId the connection
 * @param platform the platform (a polled one: its {@code options} exist)
 * @param baseUrl the API's base URL, without a trailing slash; by default the options' {@link
 *     PlatformOptions#defaultBaseUrl()}
 * @param apiKey the platform API key
 * @param requestTimeout the timeout of one HTTP request (shortened to what the deadline leaves)
 * @param lookback how far behind its watermark the engine should start each scan: at least the
 *     longest run where the platform lists runs by their start (Dify, Trigify, Runflow), a few
 *     minutes where it lists them when they end (Alloy)
 * @param consoleUrlTemplate a link to a run in the platform's console, with {@code {executionId}}
 *     and {@code {workflowId}} placeholders, or {@code null}. The platforms document no such URLs;
 *     Dify's app log page is used when this is {@code null}
 * @param options the platform's own settings
 */
public record SourceConnection(
    String tenantId,
    String connectionId,
    Platform platform,
    URI baseUrl,
    SecretValue apiKey,
    Duration requestTimeout,
    Duration lookback,
    String consoleUrlTemplate,
    PlatformOptions options) {
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Platforms that list runs by their start: cover runs up to an hour long. A platform that lists
   * them when they end needs less ({@link PlatformOptions#defaultLookback()}).
   */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);

  public SourceConnection {
    SettingProblems problems = new SettingProblems();
    problems.requireText(tenantId, "tenantId");
    problems.requireText(connectionId, "connectionId");
    problems.check(platform != null, "platform is required: a polled platform");
    checkBaseUrl(baseUrl, problems);
    problems.check(
        apiKey != null && !apiKey.reveal().isBlank(),
        "apiKey is required: the platform API key of this connection");
    problems.check(
        SettingProblems.positive(requestTimeout)
            && requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) <= 0,
        "requestTimeout must be positive and at most 2 minutes");
    problems.check(lookback != null && !lookback.isNegative(), "lookback must be zero or positive");
    problems.check(
        consoleUrlTemplate == null || consoleUrlTemplate.startsWith("https://"),
        "consoleUrlTemplate must be null or an https:// URL template");
    // Only polled platforms have options: a pushed one (the generic webhook) ends here.
    boolean hasOptions =
        problems.check(
            options != null,
            "options are required: "
                + (platform == null ? "the platform" : platform.id())
                + "'s own settings (a platform without any is pushed, never polled)");
    if (hasOptions && platform != null) {
      problems.check(
          options.platform() == platform,
          "options are for " + options.platform() + ", not " + platform);
    }
    problems.throwIfAny(SourceConnectionInvalidException::new);
    baseUrl = withoutTrailingSlash(baseUrl);
  }

  /**
   * A builder for a connection to {@code platform}, with the default timeout; the base URL and
   * lookback default to the options' once they are set.
   */
  public static Builder builder(Platform platform) {
    return new Builder(platform);
  }

  /** The default base URL for {@code options} (Alloy's depends on the generation), or null. */
  public static URI defaultBaseUrl(PlatformOptions options) {
    return options == null ? null : options.defaultBaseUrl();
  }

  /** The options as {@code type}, for the adapter of that platform. */
  public <T extends PlatformOptions> T options(Class<T> type) {
    return type.cast(options);
  }

  private static void checkBaseUrl(URI url, SettingProblems problems) {
    if (!problems.check(url != null, "baseUrl is required")) {
      return;
    }
    boolean web = "https".equals(url.getScheme()) || "http".equals(url.getScheme());
    if (problems.check(
        url.isAbsolute() && web && url.getHost() != null,
        "baseUrl must be an absolute http(s) URL, e.g. https://api.dify.ai/v1")) {
      problems.check(
          url.getRawUserInfo() == null && url.getRawQuery() == null && url.getRawFragment() == null,
          "baseUrl must not carry user info, a query or a fragment");
    }
  }

  private static URI withoutTrailingSlash(URI url) {
    String text = url.toString();
    return text.endsWith("/") ? URI.create(text.replaceAll("/+$", "")) : url;
  }

  /**
   * Builds a {@link SourceConnection}; the base URL and lookback left unset take the options'
   * defaults. The platform's default options come from its plug-in ({@code
   * PlatformRegistry.sourceBuilder}).
   */
  public static final class Builder {
    private final Platform platform;
    private String tenantId;
    private String connectionId;
    private URI baseUrl;
    private SecretValue apiKey;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration lookback;
    private String consoleUrlTemplate;
    private PlatformOptions options;

    private Builder(Platform platform) {
      this.platform = platform;
    }

    public Builder tenantId(String value) {
      this.tenantId = value;
      return this;
    }

    public Builder connectionId(String value) {
      this.connectionId = value;
      return this;
    }

    /** The base URL; by default the platform's public one. */
    public Builder baseUrl(URI value) {
      this.baseUrl = value;
      return this;
    }

    public Builder apiKey(SecretValue value) {
      this.apiKey = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    public Builder lookback(Duration value) {
      this.lookback = value;
      return this;
    }

    public Builder consoleUrlTemplate(String value) {
      this.consoleUrlTemplate = value;
      return this;
    }

    public Builder options(PlatformOptions value) {
      this.options = value;
      return this;
    }

    /** The base URL set, else the options' default; null if neither is known yet. */
    public URI baseUrlOrDefault() {
      return baseUrl != null ? baseUrl : defaultBaseUrl(options);
    }

    /**
     * @throws SourceConnectionInvalidException listing every invalid setting
     */
    public SourceConnection build() {
      URI url = baseUrlOrDefault();
      Duration back =
          lookback != null
              ? lookback
              : options == null ? DEFAULT_LOOKBACK : options.defaultLookback();
      return new SourceConnection(
          tenantId,
          connectionId,
          platform,
          url,
          apiKey,
          requestTimeout,
          back,
          consoleUrlTemplate,
          options);
    }
  }
}

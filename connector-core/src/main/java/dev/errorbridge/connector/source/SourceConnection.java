package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.secrets.SecretValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One platform connection as a source sees it. The API key is already decrypted by the caller; it
 * is a {@link SecretValue}, so this record's {@code toString}, and every exception a source throws,
 * show a mask instead.
 *
 * @param tenantId the Errorbridge tenant
 * @param connectionId the connection
 * @param platform the platform (not {@link Platform#WEBHOOK}, which is pushed, never polled)
 * @param baseUrl the API's base URL, without a trailing slash: Dify's ends in {@code /v1}, Alloy's
 *     depends on the {@link AlloyApiGeneration}, Trigify's is {@code https://api.trigify.io/v1},
 *     Runflow's {@code https://api.runflow.io}
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

  /** Alloy writes the error log when the run ends, so a small overlap is enough. */
  public static final Duration DEFAULT_ALLOY_LOOKBACK = Duration.ofMinutes(10);

  /** Dify, Trigify and Runflow list runs by their start: cover runs up to an hour long. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);

  public static final URI DIFY_CLOUD_BASE_URL = URI.create("https://api.dify.ai/v1");
  public static final URI TRIGIFY_BASE_URL = URI.create("https://api.trigify.io/v1");
  public static final URI RUNFLOW_BASE_URL = URI.create("https://api.runflow.io");

  public SourceConnection {
    List<String> problems = new ArrayList<>();
    requireText(tenantId, "tenantId", problems);
    requireText(connectionId, "connectionId", problems);
    if (platform == null || platform == Platform.WEBHOOK) {
      problems.add(
          "platform must be ALLOY, DIFY, TRIGIFY, RUNFLOW or N8N (webhooks are not polled)");
    }
    checkBaseUrl(baseUrl, problems);
    if (apiKey == null || apiKey.reveal().isBlank()) {
      problems.add("apiKey is required: the platform API key of this connection");
    }
    if (requestTimeout == null
        || requestTimeout.isNegative()
        || requestTimeout.isZero()
        || requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
      problems.add("requestTimeout must be positive and at most 2 minutes");
    }
    if (lookback == null || lookback.isNegative()) {
      problems.add("lookback must be zero or positive");
    }
    if (consoleUrlTemplate != null && !consoleUrlTemplate.startsWith("https://")) {
      problems.add("consoleUrlTemplate must be null or an https:// URL template");
    }
    if (options == null) {
      problems.add("options are required" + (platform == Platform.DIFY ? " (dify.appId)" : ""));
    } else if (platform != null && options.platform() != platform) {
      problems.add("options are for " + options.platform() + ", not " + platform);
    }
    if (!problems.isEmpty()) {
      throw new SourceConnectionInvalidException(problems);
    }
    baseUrl = withoutTrailingSlash(baseUrl);
  }

  /**
   * A builder for a connection to {@code platform}, with its default base URL, timeout, lookback
   * and options.
   */
  public static Builder builder(Platform platform) {
    return new Builder(platform);
  }

  /** The platform's default base URL for {@code options} (Alloy's depends on the generation). */
  public static URI defaultBaseUrl(Platform platform, PlatformOptions options) {
    return switch (platform) {
      case ALLOY ->
          options instanceof AlloyOptions alloy
              ? alloy.generation().defaultBaseUrl()
              : AlloyApiGeneration.V2025_09.defaultBaseUrl();
      case DIFY -> DIFY_CLOUD_BASE_URL;
      case TRIGIFY -> TRIGIFY_BASE_URL;
      case RUNFLOW -> RUNFLOW_BASE_URL;
      case N8N, WEBHOOK -> null; // n8n is the operator's own instance: no default
    };
  }

  /** The options as {@code type}, for the adapter of that platform. */
  public <T extends PlatformOptions> T options(Class<T> type) {
    return type.cast(options);
  }

  private static void checkBaseUrl(URI url, List<String> problems) {
    if (url == null) {
      problems.add("baseUrl is required");
      return;
    }
    boolean web = "https".equals(url.getScheme()) || "http".equals(url.getScheme());
    if (!url.isAbsolute() || !web || url.getHost() == null) {
      problems.add("baseUrl must be an absolute http(s) URL, e.g. https://api.dify.ai/v1");
    } else if (url.getRawUserInfo() != null
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      problems.add("baseUrl must not carry user info, a query or a fragment");
    }
  }

  private static URI withoutTrailingSlash(URI url) {
    String text = url.toString();
    return text.endsWith("/") ? URI.create(text.replaceAll("/+$", "")) : url;
  }

  private static void requireText(String value, String field, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required and must not be blank");
    }
  }

  /** Builds a {@link SourceConnection}; unset values take the platform's defaults. */
  public static final class Builder {
    private static final Set<Platform> POLLED =
        Set.of(Platform.ALLOY, Platform.DIFY, Platform.TRIGIFY, Platform.RUNFLOW, Platform.N8N);
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
      this.options = platform == null ? null : PlatformOptions.defaultsFor(platform);
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

    /**
     * @throws SourceConnectionInvalidException listing every invalid setting
     */
    public SourceConnection build() {
      boolean polled = platform != null && POLLED.contains(platform);
      URI url = baseUrl != null || !polled ? baseUrl : defaultBaseUrl(platform, options);
      Duration back =
          lookback != null
              ? lookback
              : platform == Platform.ALLOY ? DEFAULT_ALLOY_LOOKBACK : DEFAULT_LOOKBACK;
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

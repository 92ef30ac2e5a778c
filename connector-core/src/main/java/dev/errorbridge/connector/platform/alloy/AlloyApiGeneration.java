package dev.errorbridge.connector.platform.alloy;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Alloy Embedded API generation a connection talks to. 2025-09 names its version in an {@code
 * x-api-version} header; the older ones in the path.
 */
public enum AlloyApiGeneration {
  /** Embedded 2025-09: {@code https://production.runalloy.com}, header {@code x-api-version}. */
  V2025_09("2025-09", "https://production.runalloy.com", true),
  /** Embedded 2024-03 (the Node SDK's): {@code https://embedded.runalloy.com/2024-03}. */
  V2024_03("2024-03", "https://embedded.runalloy.com/2024-03", false),
  /** Embedded 2023-12 (the Python SDK's): {@code https://embedded.runalloy.com/2023-12}. */
  V2023_12("2023-12", "https://embedded.runalloy.com/2023-12", false);

  private final String version;
  private final URI defaultBaseUrl;
  private final boolean versionHeader;

  AlloyApiGeneration(String version, String defaultBaseUrl, boolean versionHeader) {
    this.version = version;
    this.defaultBaseUrl = URI.create(defaultBaseUrl);
    this.versionHeader = versionHeader;
  }

  /** The generation Alloy calls {@code version}, e.g. {@code 2025-09}, if there is one. */
  public static Optional<AlloyApiGeneration> ofVersion(String version) {
    return Arrays.stream(values()).filter(g -> g.version.equals(version)).findFirst();
  }

  /** The version as Alloy writes it, e.g. {@code 2025-09}. */
  public String version() {
    return version;
  }

  /** Alloy's US base URL for this generation (the EU host is not documented). */
  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** Whether requests carry {@code x-api-version: <version>}. */
  public boolean sendsVersionHeader() {
    return versionHeader;
  }
}

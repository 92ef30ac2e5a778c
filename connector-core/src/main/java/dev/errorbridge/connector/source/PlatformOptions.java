package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * The settings only one platform has. Each is a validated record with defaults ({@code defaults()}
 * or, for Dify, {@link DifyOptions#forApp}).
 */
public interface PlatformOptions {

  /** The platform these options are for. */
  Platform platform();

  /** The defaults of {@code platform}, or {@code null} where there is none (Dify needs an app). */
  static PlatformOptions defaultsFor(Platform platform) {
    return switch (platform) {
      case ALLOY -> AlloyOptions.defaults();
      case TRIGIFY -> TrigifyOptions.defaults();
      case RUNFLOW -> RunflowOptions.defaults();
      case N8N -> dev.errorbridge.connector.platform.n8n.N8nOptions.defaults();
      case DIFY, WEBHOOK -> null;
    };
  }
}

package dev.errorbridge.connector.source;

import dev.errorbridge.connector.platform.alloy.AlloyOptions;
import dev.errorbridge.connector.platform.dify.DifyOptions;
import dev.errorbridge.connector.platform.runflow.RunflowOptions;
import dev.errorbridge.connector.platform.trigify.TrigifyOptions;

import dev.errorbridge.connector.Platform;

/**
 * The settings only one platform has. Each is a validated record with defaults ({@code defaults()}
 * or, for Dify, {@link DifyOptions#forApp}).
 */
public sealed interface PlatformOptions
    permits AlloyOptions, DifyOptions, TrigifyOptions, RunflowOptions {

  /** The platform these options are for. */
  Platform platform();

  /** The defaults of {@code platform}, or {@code null} where there is none (Dify needs an app). */
  static PlatformOptions defaultsFor(Platform platform) {
    return switch (platform) {
      case ALLOY -> AlloyOptions.defaults();
      case TRIGIFY -> TrigifyOptions.defaults();
      case RUNFLOW -> RunflowOptions.defaults();
      case DIFY, WEBHOOK -> null;
    };
  }
}

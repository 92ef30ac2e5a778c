package dev.errorbridge.connector;

import java.util.Locale;

/**
 * Where a failed execution came from. The id is what appears in events ({@code errorbridge.<id>}).
 */
public enum Platform {
  ALLOY,
  DIFY,
  TRIGIFY,
  RUNFLOW,
  /** Any platform wired through the generic signed webhook. */
  WEBHOOK;

  /**
   * The lower-case id used in event sources, event details and configuration, e.g. {@code dify}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

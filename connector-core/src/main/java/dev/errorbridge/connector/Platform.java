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
  N8N,
  /** Any platform wired through the generic signed webhook. */
  WEBHOOK;

  // Computed once: id() is on the mapping hot path.
  private final String id = name().toLowerCase(Locale.ROOT);

  /**
   * The lower-case id used in event sources, event details and configuration, e.g. {@code dify}.
   */
  public String id() {
    return id;
  }
}

package dev.errorbridge.server.logging;

import java.util.Locale;

/**
 * How the server writes its log to standard output: {@link #TEXT} lines for a person, {@link #JSON}
 * lines for a log collector, or {@link #AUTO}: text when standard output is a terminal, JSON
 * otherwise (redirected to a file or a pipe, run by systemd or a container runtime).
 */
public enum LogFormat {
  AUTO,
  JSON,
  TEXT;

  /** The environment variable (and, as {@code log.format}, the file key) that chooses it. */
  public static final String VARIABLE = "ERRORBRIDGE_LOG_FORMAT";

  /**
   * Reads {@code auto}, {@code json} or {@code text} (any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LogFormat parse(String value) {
    for (LogFormat format : values()) {
      if (format.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        VARIABLE + " must be auto, json or text, was '" + value + "'");
  }

  /** {@link #JSON} or {@link #TEXT}: what {@link #AUTO} means for this standard output. */
  public LogFormat resolve(boolean standardOutputIsTerminal) {
    if (this != AUTO) {
      return this;
    }
    return standardOutputIsTerminal ? TEXT : JSON;
  }
}

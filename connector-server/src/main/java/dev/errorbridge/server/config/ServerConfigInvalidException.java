package dev.errorbridge.server.config;

import java.util.List;

/** The server's configuration is wrong; every problem is listed with its fix. */
public final class ServerConfigInvalidException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ServerConfigInvalidException(List<String> problems) {
    super("Errorbridge server cannot start: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem with what to do about it. */
  public List<String> problems() {
    return problems;
  }
}

package dev.errorbridge.server.cli;

/**
 * A CLI command failed in a way the user can act on; the message says what to do, the exit code
 * tells scripts which kind of failure it was.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}

package dev.errorbridge.server.cli;

/** The CLI's exit codes, documented in docs/server.md. */
final class ExitCodes {
  static final int OK = 0;

  /** The server refused the request (validation, conflict, server error). */
  static final int REFUSED = 1;

  /** Wrong usage: unknown command or option, missing argument, unreadable file. */
  static final int USAGE = 2;

  /** The server could not be reached. */
  static final int UNREACHABLE = 3;

  /** The operator token is missing or wrong. */
  static final int UNAUTHENTICATED = 4;

  /** The connection or resource does not exist. */
  static final int NOT_FOUND = 5;

  /** The command ran but its outcome was a failure (a failed connection test, items not done). */
  static final int FAILED = 6;

  private ExitCodes() {}
}

package dev.errorbridge.connector.crash;

/**
 * What an in-process "kill -9" throws on every thread of the dead {@link Generation} that reaches
 * AWS: an {@link Error}, so that no {@code catch (RuntimeException e)} on the way up answers,
 * parks, logs-and-continues or retries, and the thread unwinds as if the process had stopped.
 */
final class ProcessCrash extends Error {
  private static final long serialVersionUID = 1L;

  ProcessCrash(String message) {
    super(message, null, false, false);
  }
}

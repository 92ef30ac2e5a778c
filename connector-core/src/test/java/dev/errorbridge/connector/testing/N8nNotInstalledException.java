package dev.errorbridge.connector.testing;

/**
 * n8n is not installed where the tests look for it. The message names {@code .ci/n8n.sh}; a test
 * that needs n8n fails with it rather than skipping, so CI never passes without running them.
 */
public final class N8nNotInstalledException extends RuntimeException {
  public N8nNotInstalledException(String message) {
    super(message);
  }
}

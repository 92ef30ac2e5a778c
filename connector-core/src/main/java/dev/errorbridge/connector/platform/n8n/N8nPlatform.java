package dev.errorbridge.connector.platform.n8n;

import dev.errorbridge.connector.Platform;

/**
 * n8n as Errorbridge knows it: its id {@code n8n}, in events ({@code errorbridge.n8n}) and
 * settings.
 */
public final class N8nPlatform {
  /** The platform of every n8n failure, polled or pushed. */
  public static final Platform PLATFORM = Platform.N8N;

  private N8nPlatform() {}
}

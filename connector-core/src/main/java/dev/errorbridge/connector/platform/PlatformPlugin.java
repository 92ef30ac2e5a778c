package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.Platform;
import java.util.Optional;

/**
 * Everything Errorbridge knows about one workflow platform, in one object: how its API is polled
 * ({@link PollSupport}: options, their validation, the source) and how it pushes failures ({@link
 * WebhookSupport}: verifier, parser, enricher). A platform is one package, {@code
 * dev.errorbridge.connector.platform.<id>}, holding its plug-in and everything the plug-in builds;
 * the registry ({@code platform.registry.PlatformRegistry}) lists the plug-ins and nothing else in
 * the connector knows which platforms exist. See {@code docs/adding-a-platform.md}.
 *
 * <p>Implementations are stateless and thread-safe; what they build may hold state.
 */
public interface PlatformPlugin {

  /** The platform's id, display name and API documentation. */
  PlatformDescriptor descriptor();

  /** The platform's id: the {@code source.platform} of its connections and its events' source. */
  default Platform platform() {
    return descriptor().platform();
  }

  /**
   * How the platform's API is polled; empty for a platform that only pushes. By default the plug-in
   * itself when it implements {@link PollSupport}.
   */
  default Optional<PollSupport> polling() {
    return this instanceof PollSupport poll ? Optional.of(poll) : Optional.empty();
  }

  /**
   * How the platform pushes failures to the webhook endpoint; empty for a platform only polled. By
   * default the plug-in itself when it implements {@link WebhookSupport}.
   */
  default Optional<WebhookSupport> webhooks() {
    return this instanceof WebhookSupport push ? Optional.of(push) : Optional.empty();
  }
}

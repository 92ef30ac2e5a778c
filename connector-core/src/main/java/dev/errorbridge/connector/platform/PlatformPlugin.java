package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.Platform;
import java.net.URI;
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

  /** The platform's id: the {@code source.platform} of its connections and its events' source. */
  Platform platform();

  /** The name its users know it by, e.g. {@code Alloy Embedded}, for documentation and messages. */
  String displayName();

  /**
   * The public API documentation the adapter is written against (cited in the docs): an absolute
   * URL, or a path in this repository for what Errorbridge defines itself.
   */
  URI apiDocumentation();

  /** How the platform's API is polled; empty for a platform that only pushes. */
  Optional<PollSupport> polling();

  /** How the platform pushes failures to the webhook endpoint; empty for a platform only polled. */
  Optional<WebhookSupport> webhooks();
}

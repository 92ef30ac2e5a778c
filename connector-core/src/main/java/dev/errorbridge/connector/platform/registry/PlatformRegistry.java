package dev.errorbridge.connector.platform.registry;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.PollSupport;
import dev.errorbridge.connector.platform.SourceOptionsMap;
import dev.errorbridge.connector.platform.WebhookSupport;
import dev.errorbridge.connector.platform.alloy.AlloyPlugin;
import dev.errorbridge.connector.platform.dify.DifyPlugin;
import dev.errorbridge.connector.platform.runflow.RunflowPlugin;
import dev.errorbridge.connector.platform.trigify.TrigifyPlugin;
import dev.errorbridge.connector.platform.webhook.GenericWebhookPlugin;
import dev.errorbridge.connector.source.SourceConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The platforms Errorbridge knows: the one list of {@link PlatformPlugin}s. Everything that depends
 * on which platforms exist (the settings API's accepted {@code source.platform}s, the poll sources,
 * the webhook verifiers, parsers and enrichers, the documents' {@code platform} enums, checked by a
 * test) asks this registry; nothing else in the connector names a platform. Adding one is its
 * package and one line in {@link #builtIn()}: see {@code docs/adding-a-platform.md}. Immutable.
 */
public final class PlatformRegistry {
  private static final PlatformRegistry BUILT_IN =
      new PlatformRegistry(
          List.of(
              new AlloyPlugin(),
              new DifyPlugin(),
              new TrigifyPlugin(),
              new RunflowPlugin(),
              new GenericWebhookPlugin()));

  private final Map<Platform, PlatformPlugin> plugins;

  /**
   * A registry of {@code plugins}, in the order given (the order of the documents' enums).
   *
   * @throws IllegalArgumentException when two plug-ins have the same platform id
   */
  public PlatformRegistry(List<PlatformPlugin> plugins) {
    Map<Platform, PlatformPlugin> byPlatform = new LinkedHashMap<>();
    for (PlatformPlugin plugin : plugins) {
      if (byPlatform.putIfAbsent(plugin.platform(), plugin) != null) {
        throw new IllegalArgumentException(
            "two platform plug-ins have the id " + plugin.platform().id() + "; ids must differ");
      }
    }
    this.plugins = Collections.unmodifiableMap(byPlatform);
  }

  /** The platforms built into Errorbridge. */
  public static PlatformRegistry builtIn() {
    return BUILT_IN;
  }

  /** Every plug-in, in registry order. */
  public List<PlatformPlugin> plugins() {
    return List.copyOf(plugins.values());
  }

  /** Every platform id, in registry order, e.g. {@code [alloy, dify, ...]}. */
  public List<String> ids() {
    return plugins.keySet().stream().map(Platform::id).toList();
  }

  /** The plug-in of {@code platform}, if it is registered. */
  public Optional<PlatformPlugin> find(Platform platform) {
    return Optional.ofNullable(plugins.get(platform));
  }

  /** The registered platform whose id is {@code id} in any case, if there is one. */
  public Optional<Platform> platform(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.toLowerCase(Locale.ROOT);
    return plugins.keySet().stream().filter(p -> p.id().equals(wanted)).findFirst();
  }

  /** How {@code platform} is polled, if it is registered and polled. */
  public Optional<PollSupport> polling(Platform platform) {
    return find(platform).flatMap(PlatformPlugin::polling);
  }

  /** How {@code platform} pushes, if it is registered and pushes. */
  public Optional<WebhookSupport> webhooks(Platform platform) {
    return find(platform).flatMap(PlatformPlugin::webhooks);
  }

  /** The ids of the platforms that push, in registry order. */
  public List<Platform> pushing() {
    return plugins.values().stream()
        .filter(p -> p.webhooks().isPresent())
        .map(PlatformPlugin::platform)
        .toList();
  }

  /**
   * A builder for a connection to {@code platform} with the platform's default options (none for a
   * platform that needs some, such as Dify's app).
   */
  public SourceConnection.Builder sourceBuilder(Platform platform) {
    return SourceConnection.builder(platform)
        .options(polling(platform).map(PollSupport::defaultOptions).orElse(null));
  }

  /**
   * Applies a connection's stored {@code source.options} to {@code builder}.
   *
   * @throws dev.errorbridge.connector.source.SourceConnectionInvalidException listing every unknown
   *     key and invalid value, or naming a platform that is not polled
   */
  public SourceConnection.Builder applyOptions(
      Platform platform, Map<String, String> options, SourceConnection.Builder builder) {
    return SourceOptionsMap.apply(platform, polling(platform).orElse(null), options, builder);
  }

  /**
   * The ids joined for a message, e.g. {@code alloy, dify, trigify, runflow or webhook} with {@code
   * lastSeparator} {@code " or "}.
   */
  public String idList(String lastSeparator) {
    List<String> ids = new ArrayList<>(ids());
    if (ids.size() == 1) {
      return ids.get(0);
    }
    String last = ids.remove(ids.size() - 1);
    return String.join(", ", ids) + lastSeparator + last;
  }
}

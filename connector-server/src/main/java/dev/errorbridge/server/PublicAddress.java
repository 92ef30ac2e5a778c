package dev.errorbridge.server;

import dev.errorbridge.connector.settings.WebhookBaseUrl;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.config.ServerSetting;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where platforms reach this server's webhooks, for the settings API's {@code webhook.url}: {@link
 * ServerSetting#PUBLIC_URL} when configured; else, once the server listens, {@code
 * http://<host>:<port>/} when it is bound to a loopback address (as on embedded defaults); else
 * unknown. An address bound to every interface ({@code 0.0.0.0}) is no address to give anyone, and
 * plain http to another host is what {@link WebhookBaseUrl} refuses, so only the operator can say;
 * until then the settings page shows the address it was loaded from.
 */
final class PublicAddress implements Supplier<Optional<WebhookBaseUrl>> {
  private final ServerConfig config;
  // Set once the server listens (its port may be any free one); read by request threads.
  private volatile WebhookBaseUrl listening;

  PublicAddress(ServerConfig config) {
    this.config = config;
  }

  /** The server now listens on {@code port}. */
  void listeningOn(int port) {
    listening = listenAddress(config.host(), port);
  }

  @Override
  public Optional<WebhookBaseUrl> get() {
    return Optional.ofNullable(config.publicUrl() != null ? config.publicUrl() : listening);
  }

  /** The base a server with {@code config} listening on {@code port} gives, if any. */
  static Optional<WebhookBaseUrl> of(ServerConfig config, int port) {
    PublicAddress address = new PublicAddress(config);
    address.listeningOn(port);
    return address.get();
  }

  /** {@code http://<host>:<port>/} when {@code host} is a loopback address, else {@code null}. */
  private static WebhookBaseUrl listenAddress(String host, int port) {
    String inUrl = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    // The same rules as a configured URL: http is accepted for a loopback host only.
    return WebhookBaseUrl.read(
        "the listen address", "http://" + inUrl + ":" + port + "/", new ArrayList<>());
  }
}

package dev.errorbridge.server;

import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.config.ServerSetting;
import dev.errorbridge.server.embedded.OperatorToken;
import java.io.PrintStream;
import java.util.Set;

/**
 * The lines a person sees on the console once the server is up: where it listens, where the
 * settings page is and which token signs in to it (never the token itself, which is shown only when
 * it is generated), and where platforms send webhooks.
 */
final class StartupBanner {
  private static final Set<String> EVERY_OR_LOOPBACK =
      Set.of("0.0.0.0", "::", "[::]", "127.0.0.1", "::1", "[::1]", "localhost");

  private StartupBanner() {}

  static void print(PrintStream console, ServerConfig config, int port) {
    console.println(
        "  Errorbridge is listening on http://"
            + hostInUrl(config.host())
            + ":"
            + port
            + (config.embedded()
                ? " (embedded defaults, data in " + config.dataDirectory() + ")"
                : ""));
    console.println(
        "  Settings page: "
            + pageUrl(config.host(), port)
            + " (sign in with "
            + tokenSource(config)
            + ")");
    console.println(
        "  Webhook URLs: "
            + PublicAddress.of(config, port)
                .map(base -> base.uri() + "webhooks/<connectionId>")
                .orElse(
                    "set "
                        + ServerSetting.PUBLIC_URL.environmentVariable()
                        + " to the address platforms reach (until then the settings page shows"
                        + " its own address)"));
    console.println();
  }

  /** The page's address as a person types it: localhost when bound to loopback or everywhere. */
  static String pageUrl(String host, int port) {
    String shown = EVERY_OR_LOOPBACK.contains(host) ? "localhost" : hostInUrl(host);
    return "http://" + shown + ":" + port + "/";
  }

  private static String hostInUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  // Not "operator token": that phrase on the console means a token is being shown
  // (WalkthroughTest).
  private static String tokenSource(ServerConfig config) {
    if (config.operatorToken() != null) {
      return "the token set in ERRORBRIDGE_OPERATOR_TOKEN";
    }
    return "the token kept in " + config.dataDirectory().resolve(OperatorToken.fileName());
  }
}

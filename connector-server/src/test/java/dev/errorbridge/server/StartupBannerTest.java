package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.server.config.Environment;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.config.ServerConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupBannerTest {
  static String banner(Map<String, String> env, int port) {
    ServerConfig config = new ServerConfigLoader(Environment.of(env)).load(null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StartupBanner.print(new PrintStream(out, true, StandardCharsets.UTF_8), config, port);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void print_whenEmbedded_saysWhereThePageIsAndWhereTheTokenIsKept() {
    String banner = banner(Map.of(), 8080);
    assertThat(banner)
        .contains(
            "Errorbridge is listening on http://127.0.0.1:8080 (embedded defaults, data in ./data)")
        .contains(
            "Settings page: http://localhost:8080/ (sign in with the token kept in "
                + Path.of("./data/operator-token")
                + ")")
        // On a restart the console must not look as if it showed a token (WalkthroughTest).
        .doesNotContain("operator token");
  }

  @Test
  void print_whenTokenConfigured_pointsAtTheSettingNotAFile() {
    String banner =
        banner(Map.of("ERRORBRIDGE_OPERATOR_TOKEN", "0123456789abcdef0123456789abcdef"), 9090);
    assertThat(banner)
        .contains(
            "Settings page: http://localhost:9090/ (sign in with the token set in"
                + " ERRORBRIDGE_OPERATOR_TOKEN)")
        .doesNotContain("0123456789abcdef0123456789abcdef");
  }

  @Test
  void print_whenBoundToLoopback_showsTheWebhookUrlsOnTheListenAddress() {
    assertThat(banner(Map.of(), 8080))
        .contains("Webhook URLs: http://127.0.0.1:8080/webhooks/<connectionId>");
  }

  @Test
  void print_whenAPublicUrlIsSet_showsTheWebhookUrlsOnIt() {
    assertThat(
            banner(
                Map.of(
                    "ERRORBRIDGE_HOST", "0.0.0.0",
                    "ERRORBRIDGE_PUBLIC_URL", "https://errorbridge.example.com/ops"),
                8080))
        .contains("Webhook URLs: https://errorbridge.example.com/ops/webhooks/<connectionId>");
  }

  @Test
  void print_whenBoundToEveryInterfaceWithoutAPublicUrl_saysWhatToSet() {
    assertThat(banner(Map.of("ERRORBRIDGE_HOST", "0.0.0.0"), 8080))
        .contains("Webhook URLs: set ERRORBRIDGE_PUBLIC_URL to the address platforms reach");
  }

  @Test
  void pageUrl_whenBoundToOneAddress_namesThatAddress() {
    assertThat(StartupBanner.pageUrl("0.0.0.0", 8080)).isEqualTo("http://localhost:8080/");
    assertThat(StartupBanner.pageUrl("10.1.2.3", 8080)).isEqualTo("http://10.1.2.3:8080/");
    assertThat(StartupBanner.pageUrl("fd00::5", 8080)).isEqualTo("http://[fd00::5]:8080/");
  }
}

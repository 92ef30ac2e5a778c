package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.settings.WebhookBaseUrl;
import dev.errorbridge.server.config.Environment;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.config.ServerConfigLoader;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {
        "127.0.0.1, none, http://127.0.0.1:8080/",
        "localhost, none, http://localhost:8080/",
        "::1, none, http://[::1]:8080/",
        "0.0.0.0, none, none",
        "::, none, none",
        "10.1.2.3, none, none",
        "0.0.0.0, https://errorbridge.example.com/ops, https://errorbridge.example.com/ops/",
        "127.0.0.1, https://errorbridge.example.com/, https://errorbridge.example.com/"
      })
  void get_whenListening_isThePublicUrlElseALoopbackListenAddressElseUnknown(
      String host, String publicUrl, String expected) {
    Map<String, String> env =
        publicUrl == null
            ? Map.of("ERRORBRIDGE_HOST", host)
            : Map.of("ERRORBRIDGE_HOST", host, "ERRORBRIDGE_PUBLIC_URL", publicUrl);
    ServerConfig config = new ServerConfigLoader(Environment.of(env)).load(null);
    PublicAddress address = new PublicAddress(config);

    address.listeningOn(8080);

    assertThat(address.get().map(WebhookBaseUrl::toString).orElse(null)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "0.0.0.0"})
  void get_whenNotListeningYet_isOnlyAConfiguredPublicUrl(String host) {
    ServerConfig config =
        new ServerConfigLoader(Environment.of(Map.of("ERRORBRIDGE_HOST", host))).load(null);

    assertThat(new PublicAddress(config).get()).isEmpty();
  }
}

package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.settings.BaseUrlPolicy;
import dev.errorbridge.connector.testing.FakeDns;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client that sends platform requests applies the very rules a base URL is saved under: a URL
 * stored before the rules were tightened (or an address whose DNS answer changed) gets no request.
 */
class GuardedHttpClientRulesTest {
  private final HttpClient guarded =
      new GuardedHttpClient(
          HttpClient.newHttpClient(),
          BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of())::checkHost);

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Forms the JDK client accepts (127.1 or 2130706433 it refuses itself: no host).
        "https://0177.0.0.1/v1",
        "https://127.0.0.01/v1",
        "https://[::127.0.0.1]/",
        "https://[64:ff9b::a9fe:a9fe]/",
        "https://198.18.0.1/",
        "https://[2002:a9fe:a9fe::1]/",
        "https://rebind.example.com/"
      })
  void send_whenHostBreaksTheBaseUrlRules_sendsNothing(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();

    assertThatThrownBy(() -> guarded.send(request, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(GuardedHttpClient.AddressForbiddenException.class)
        .hasMessageStartingWith("host ");
    assertThat(guarded.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
        .isCompletedExceptionally();
  }
}

package dev.errorbridge.connector.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.source.SourceTestKit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GuardedHttpClientTest {
  @RegisterExtension static WireMockExtension server = SourceTestKit.wireMock();

  private final List<String> checkedHosts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void stub() {
    server.stubFor(get(urlPathEqualTo("/ping")).willReturn(aResponse().withBody("pong")));
  }

  @Test
  void send_whenTheHostPassesTheCheck_sendsThroughTheDelegate() throws Exception {
    HttpClient client = guarded(Optional.empty());

    HttpResponse<String> response = client.send(ping(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("pong");
    assertThat(checkedHosts).containsExactly("127.0.0.1");
    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
  }

  @Test
  void send_whenTheHostIsRefused_sendsNothing() {
    HttpClient client = guarded(Optional.of("host 127.0.0.1 now resolves to loopback"));

    assertThatThrownBy(() -> client.send(ping(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(GuardedHttpClient.AddressForbiddenException.class)
        .hasMessage("host 127.0.0.1 now resolves to loopback");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void sendAsync_whenTheHostIsRefused_failsTheFutureAndSendsNothing() {
    HttpClient client = guarded(Optional.of("refused"));

    assertThatThrownBy(() -> client.sendAsync(ping(), HttpResponse.BodyHandlers.ofString()).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(GuardedHttpClient.AddressForbiddenException.class);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  private HttpClient guarded(Optional<String> verdict) {
    return new GuardedHttpClient(
        SourceTestKit.http(),
        host -> {
          checkedHosts.add(host);
          return verdict;
        });
  }

  private static HttpRequest ping() {
    return HttpRequest.newBuilder(URI.create(SourceTestKit.origin(server) + "/ping")).build();
  }
}

package dev.errorbridge.connector.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.errorbridge.connector.secrets.SecretValue;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Where n8n's Error Trigger sample ({@code samples/n8n/errorbridge-error-trigger.json}) posts in
 * tests: a WireMock on loopback standing in for Errorbridge's {@code POST
 * /webhooks/{connectionId}}, answering 202 and recording every request byte-exact. {@link
 * #environment()} is what n8n must be started with for the sample to reach it.
 */
public final class N8nPushReceiver implements AutoCloseable {
  /** The connection the sample's URL names. */
  public static final String CONNECTION_ID = "conn_n8n_push";

  private final WireMockServer server;
  private final SecretValue secret;

  private N8nPushReceiver(WireMockServer server, SecretValue secret) {
    this.server = server;
    this.secret = secret;
  }

  public static N8nPushReceiver start() {
    WireMockServer server =
        new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        post(urlPathMatching("/webhooks/.+"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"accepted\"}")));
    byte[] key = new byte[24];
    new SecureRandom().nextBytes(key);
    return new N8nPushReceiver(server, SecretValue.of("n8n-" + HexFormat.of().formatHex(key)));
  }

  /** The URL the sample posts to, as Errorbridge's would be: {@code …/webhooks/<connection>}. */
  public String url() {
    return server.baseUrl() + "/webhooks/" + CONNECTION_ID;
  }

  /** The webhook secret the sample signs with. */
  public SecretValue secret() {
    return secret;
  }

  /** The variables the sample reads with {@code $env}. */
  public Map<String, String> environment() {
    return Map.of("ERRORBRIDGE_WEBHOOK_URL", url(), "ERRORBRIDGE_WEBHOOK_SECRET", secret.reveal());
  }

  /** Every request received so far, oldest first. */
  public List<LoggedRequest> received() {
    return server.findAll(postRequestedFor(urlPathMatching("/webhooks/.+")));
  }

  @Override
  public void close() {
    server.stop();
  }

  @Override
  public String toString() {
    return "N8nPushReceiver[" + url() + "]";
  }
}

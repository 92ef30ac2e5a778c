package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver on a mutable clock with an in-memory replay guard and a map of connections, plus
 * request builders and signing helpers written independently of the code under test.
 */
public final class WebhookTestKit {
  public static final Instant NOW = Instant.parse("2026-02-03T09:07:00Z");
  public static final String TENANT = "tnt_01JD6W3Q9ZK4";

  public static final String RUNFLOW = "conn_runflow_9e57";
  public static final String ALLOY = "conn_alloy_7c1e";
  public static final String GENERIC = "conn_webhook_5f20";

  public static final String RUNFLOW_SECRET = "whsec_3vQm9Xr2LpT8sKd4Wn7Yb1Zc";
  public static final String RUNFLOW_OLD_SECRET = "whsec_0ldS3cr3tBeingRotatedOut42";
  public static final String ALLOY_TOKEN = "alloy-token-Jx81kPq0Vd6Tz3Rm";
  public static final String GENERIC_SECRET = "generic-secret-Hn4Bv7Cx2Zq9Lw5";
  public static final String GENERIC_OLD_SECRET = "generic-old-secret-Mt6Yp3Ks8Rd1";
  public static final String UNKNOWN_SECRET = "never-configured-secret-Ae7Wq2Nf";

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryReplayGuard replayGuard = new InMemoryReplayGuard(clock);
  final Map<String, WebhookSettings> connections = new HashMap<>();
  private WebhookReceiverConfig config = WebhookReceiverConfig.defaults(clock);
  private WebhookReceiver receiver;

  public WebhookTestKit() {
    add(runflowSettings().build());
    add(alloySettings().build());
    add(genericSettings().build());
  }

  public WebhookTestKit add(WebhookSettings settings) {
    connections.put(settings.connectionId(), settings);
    return this;
  }

  public WebhookTestKit config(int maxBodyBytes, int maxNestingDepth) {
    this.config = new WebhookReceiverConfig(maxBodyBytes, maxNestingDepth, clock);
    this.receiver = null;
    return this;
  }

  public WebhookReceiver receiver() {
    if (receiver == null) {
      receiver =
          new WebhookReceiver(id -> Optional.ofNullable(connections.get(id)), replayGuard, config);
    }
    return receiver;
  }

  public WebhookReceipt receive(WebhookRequest request) {
    return receiver().receive(request);
  }

  public static WebhookSettings.Builder runflowSettings() {
    return WebhookSettings.builder()
        .tenantId(TENANT)
        .connectionId(RUNFLOW)
        .platform(Platform.RUNFLOW)
        .secret(SecretValue.of(RUNFLOW_SECRET));
  }

  public static WebhookSettings.Builder alloySettings() {
    return WebhookSettings.builder()
        .tenantId(TENANT)
        .connectionId(ALLOY)
        .platform(Platform.ALLOY)
        .secret(SecretValue.of(ALLOY_TOKEN));
  }

  public static WebhookSettings.Builder genericSettings() {
    return WebhookSettings.builder()
        .tenantId(TENANT)
        .connectionId(GENERIC)
        .platform(Platform.WEBHOOK)
        .secret(SecretValue.of(GENERIC_SECRET))
        .fieldMapping(fullMapping().build());
  }

  /** Every field of generic-failure.json. */
  public static WebhookFieldMapping.Builder fullMapping() {
    return WebhookFieldMapping.builder()
        .workflowId("/workflow/id")
        .workflowName("/workflow/name")
        .executionId("/execution/id")
        .status("/execution/status")
        .errorMessage("/errors/0/message")
        .errorCode("/labels/error~1code")
        .startedAt("/execution/started_at")
        .finishedAt("/execution/finished_at");
  }

  public static byte[] fixture(String name) {
    try (InputStream in = WebhookTestKit.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture /webhooks/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String hmacHex(String secret, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code t=<t>,v1=<hmac of "t.body">} under each secret. */
  public static String genericSignature(long t, byte[] body, String... secrets) {
    StringBuilder header = new StringBuilder("t=").append(t);
    for (String secret : secrets) {
      header
          .append(",v1=")
          .append(hmacHex(secret, (t + ".").getBytes(StandardCharsets.US_ASCII), body));
    }
    return header.toString();
  }

  public static RequestBuilder post(String connectionId) {
    return new RequestBuilder(connectionId);
  }

  public static RequestBuilder runflow(byte[] body) {
    return post(RUNFLOW).json(body).header("Runflow-Signature", hmacHex(RUNFLOW_SECRET, body));
  }

  public static RequestBuilder alloy(byte[] body) {
    return post(ALLOY)
        .json(body)
        .header("X-Errorbridge-Token", ALLOY_TOKEN)
        .header("X-Alloy-WorkflowId", "65c1d2e3f4a5b6c7d8e9f0b7")
        .header("X-Alloy-UserId", "65aa11bb22cc33dd44ee55ff")
        .header("X-Alloy-BlockName", "Create Sales Order")
        .header("X-Alloy-BlockType", "netsuite")
        .header("X-Alloy-ExecutionUuid", "Qm7vT2xK9pLr4sWz8nB3c");
  }

  public static RequestBuilder generic(byte[] body) {
    return post(GENERIC)
        .json(body)
        .header(
            "X-Errorbridge-Signature",
            genericSignature(NOW.getEpochSecond(), body, GENERIC_SECRET));
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static WebhookReceipt.Rejected rejected(WebhookReceipt receipt) {
    if (receipt instanceof WebhookReceipt.Rejected rejected) {
      return rejected;
    }
    throw new AssertionError("expected a rejection, got " + receipt);
  }

  public static WebhookReceipt.Accepted accepted(WebhookReceipt receipt) {
    if (receipt instanceof WebhookReceipt.Accepted accepted) {
      return accepted;
    }
    throw new AssertionError("expected an acceptance, got " + receipt);
  }

  /** Builds a {@link WebhookRequest}. */
  public static final class RequestBuilder {
    private final String connectionId;
    private final WebhookHeaders.Builder headers = WebhookHeaders.builder();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private Instant receivedAt = NOW;

    private RequestBuilder(String connectionId) {
      this.connectionId = connectionId;
    }

    public RequestBuilder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    public RequestBuilder query(String name, String value) {
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    public RequestBuilder body(byte[] value) {
      this.body = value;
      return this;
    }

    public RequestBuilder json(byte[] value) {
      return header("Content-Type", "application/json").body(value);
    }

    public RequestBuilder receivedAt(Instant value) {
      this.receivedAt = value;
      return this;
    }

    public WebhookRequest build() {
      return new WebhookRequest(connectionId, headers.build(), query, body, receivedAt);
    }
  }
}

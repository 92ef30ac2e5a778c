package dev.errorbridge.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import dev.errorbridge.localaws.contract.LocalAwsEndpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** What only local-aws has: its settings, HTTP targets and the control API. */
class LocalAwsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void putEvents_whenBusMissingAndPolicyReject_failsTheEntry() {
    try (LocalAwsEndpoint aws = new LocalAwsEndpoint()) {
      PutEventsResponse response = putToBus(aws.eventBridge(Account.PRIMARY), "no-such-bus");

      assertThat(response.entries().get(0).errorCode()).isEqualTo("ResourceNotFoundException");
      assertThat(response.entries().get(0).errorMessage()).contains("no-such-bus");
    }
  }

  @Test
  void putEvents_whenBusMissingAndPolicyAcceptSilently_returnsAnEventId() {
    try (LocalAwsEndpoint aws =
        new LocalAwsEndpoint(
            LocalAwsConfig.builder().missingBusPolicy(MissingBusPolicy.ACCEPT_SILENTLY))) {
      PutEventsResponse response = putToBus(aws.eventBridge(Account.PRIMARY), "no-such-bus");

      assertThat(response.failedEntryCount()).isZero();
      assertThat(response.entries().get(0).eventId()).isNotBlank();
      assertThat(aws.localAws().deliveries().all()).isEmpty();
    }
  }

  @Test
  void putEvents_whenLimitRaisedToOneMegabyte_acceptsA300KilobyteEntry() {
    try (LocalAwsEndpoint aws =
        new LocalAwsEndpoint(
            LocalAwsConfig.builder().maxEntrySizeBytes(LocalAwsConfig.MAX_ENTRY_SIZE_BYTES))) {
      String detail = "{\"text\":\"" + "é".repeat(150 * 1024) + "\"}";
      PutEventsResponse response =
          aws.eventBridge(Account.PRIMARY)
              .putEvents(
                  b -> b.entries(e -> e.source("errorbridge.test").detailType("x").detail(detail)));

      assertThat(response.failedEntryCount()).isZero();
    }
  }

  @Test
  void putEvents_whenTargetIsHttp_postsTheEnvelopeThere() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/alerts",
        exchange -> {
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try (LocalAwsEndpoint aws = new LocalAwsEndpoint()) {
      EventBridgeClient events = aws.eventBridge(Account.PRIMARY);
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
      events.putRule(b -> b.name("to-inbox").eventPattern("{\"source\":[\"errorbridge.test\"]}"));
      events.putTargets(
          b -> b.rule("to-inbox").targets(Target.builder().id("inbox").arn(url).build()));

      events.putEvents(
          b -> b.entries(e -> e.source("errorbridge.test").detailType("x").detail("{\"n\":1}")));

      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
      JsonNode envelope = JSON.readTree(received.get(0));
      assertThat(envelope.get("detail").get("n").asInt()).isEqualTo(1);
      assertThat(envelope.get("account").asText()).isEqualTo(LocalAwsEndpoint.PRIMARY.accountId());
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void controlApi_whenFaultPostedOverHttp_appliesItAndListsIt() throws Exception {
    try (LocalAwsEndpoint aws = new LocalAwsEndpoint()) {
      HttpResponse<String> posted =
          control(
              aws,
              "POST",
              "/_localaws/faults",
              "{\"operation\":\"PutEvents\",\"kind\":\"ENTRY_ERROR\",\"errorCode\":\"InternalFailure\","
                  + "\"entries\":[0],\"times\":2}");
      assertThat(posted.statusCode()).isEqualTo(200);
      assertThat(control(aws, "GET", "/_localaws/faults", null).body()).contains("InternalFailure");

      PutEventsResponse response = putToBus(aws.eventBridge(Account.PRIMARY), "default");

      assertThat(response.entries().get(0).errorCode()).isEqualTo("InternalFailure");
      assertThat(aws.localAws().faults().pending().get(0).times()).isEqualTo(1);
      control(aws, "DELETE", "/_localaws/faults", null);
      assertThat(aws.localAws().faults().pending()).isEmpty();
    }
  }

  @Test
  void controlApi_whenFaultInvalid_answers400NamingTheProblem() throws Exception {
    try (LocalAwsEndpoint aws = new LocalAwsEndpoint()) {
      HttpResponse<String> response =
          control(
              aws,
              "POST",
              "/_localaws/faults",
              "{\"operation\":\"PutEvents\",\"kind\":\"ENTRY_ERROR\"}");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("errorCode is required").contains("entries must list");
    }
  }

  @Test
  void controlApi_whenDeliveriesRequested_returnsEnvelopesForTheTarget() throws Exception {
    try (LocalAwsEndpoint aws = new LocalAwsEndpoint()) {
      EventBridgeClient events = aws.eventBridge(Account.PRIMARY);
      String target = aws.createRecordingTarget("inbox");
      events.putRule(b -> b.name("all").eventPattern("{\"source\":[\"errorbridge.test\"]}"));
      events.putTargets(b -> b.rule("all").targets(Target.builder().id("t").arn(target).build()));
      putToBus(events, "default");

      JsonNode body =
          JSON.readTree(control(aws, "GET", "/_localaws/deliveries?target=" + target, null).body());

      assertThat(body.get("deliveries")).hasSize(1);
      assertThat(body.get("deliveries").get(0).get("event").get("source").asText())
          .isEqualTo("errorbridge.test");
    }
  }

  @Test
  void controlApi_whenCredentialsRegistered_acceptsRequestsSignedWithThem() throws Exception {
    try (LocalAwsEndpoint aws = new LocalAwsEndpoint()) {
      control(
          aws,
          "POST",
          "/_localaws/credentials",
          "{\"accessKeyId\":\"carol-key\",\"secretAccessKey\":\"carol-secret\",\"accountId\":\"333333333333\"}");
      EventBridgeClient carol =
          EventBridgeClient.builder()
              .endpointOverride(aws.endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create("carol-key", "carol-secret")))
              .httpClient(UrlConnectionHttpClient.create())
              .build();

      assertThat(carol.describeEventBus(b -> {}).arn()).contains(":333333333333:event-bus/default");
    }
  }

  @Test
  void start_whenPortTaken_failsNamingThePort() {
    try (LocalAws first = LocalAws.start()) {
      assertThatThrownBy(() -> LocalAws.start(LocalAwsConfig.builder().port(first.port()).build()))
          .hasMessageContaining(String.valueOf(first.port()))
          .hasMessageContaining("port");
    }
  }

  private static PutEventsResponse putToBus(EventBridgeClient events, String bus) {
    return events.putEvents(
        b ->
            b.entries(
                PutEventsRequestEntry.builder()
                    .eventBusName(bus)
                    .source("errorbridge.test")
                    .detailType("x")
                    .detail("{}")
                    .build()));
  }

  private static HttpResponse<String> control(
      LocalAwsEndpoint aws, String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(aws.endpoint() + path)).method(method, publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

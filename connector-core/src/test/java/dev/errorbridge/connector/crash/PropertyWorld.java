package dev.errorbridge.connector.crash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * What every simulated process of every try shares, as AWS and the platform would: local-aws
 * (EventBridge with a bus whose catch-all rule records every event, KMS with the secrets key),
 * DynamoDB Local (a fresh table per try) and Runflow's run API on WireMock (one organization per
 * try). Started once per property.
 */
final class PropertyWorld implements AutoCloseable {
  static final String BUS = "crash-property";
  static final String RECORDER = "arn:aws:sqs:us-east-1:000000000000:crash-property";
  static final String TENANT = "tenant-crash";
  static final String API_KEY = "rf_live_crash_property_0123456789";
  static final AwsCredentialsProvider RUNTIME =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  static final AccountCredentials CUSTOMER_KEY =
      new AccountCredentials(
          "AKIAERRORBRIDGEPROP1", "CrashPropertySecretKeyNotRealAWS00000000", "000000000000");

  private static final ObjectMapper JSON = new ObjectMapper();

  final LocalAws aws;
  final DynamoDbLocal dynamoDb;
  private final DynamoDbClient tables;
  final WireMockServer runflow;
  final String keyId;

  private PropertyWorld() {
    this.aws = LocalAws.start(LocalAwsConfig.builder().credentials(CUSTOMER_KEY).build());
    this.dynamoDb = DynamoDbLocal.startInMemory();
    this.tables =
        DynamoDbClient.builder()
            .endpointOverride(dynamoDb.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(RUNTIME)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    this.runflow = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    runflow.start();
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(RUNTIME)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      this.keyId = kms.createKey(r -> r.description("crash property")).keyMetadata().keyId();
    }
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(RUNTIME)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      events.createEventBus(b -> b.name(BUS));
      events.putRule(
          b ->
              b.name("record")
                  .eventBusName(BUS)
                  .eventPattern("{\"source\":[{\"prefix\":\"errorbridge.\"}]}"));
      events.putTargets(
          b ->
              b.rule("record")
                  .eventBusName(BUS)
                  .targets(Target.builder().id("recorder").arn(RECORDER).build()));
    }
  }

  static PropertyWorld start() {
    return new PropertyWorld();
  }

  /** A new, empty Errorbridge table; returns its name. */
  String newTable() {
    return new ErrorbridgeTable(tables, "crash-" + UUID.randomUUID()).createIfMissing().name();
  }

  /** Errorbridge's settings for a process working on {@code table}. */
  RuntimeSettings settings(String table) {
    return new RuntimeSettings(
        Region.US_EAST_1,
        table,
        keyId,
        aws.endpoint(),
        dynamoDb.endpoint(),
        Set.of("127.0.0.1"),
        List.of());
  }

  /** From now on organization {@code org} lists these failed runs, created at {@code created}. */
  void failedRuns(String org, List<String> runIds, Instant created) {
    ObjectNode page = JSON.createObjectNode();
    ArrayNode items = page.putArray("items");
    for (int i = 0; i < runIds.size(); i++) {
      Instant at = created.plusSeconds(i);
      items
          .addObject()
          .put("id", runIds.get(i))
          .put("status_code", "failed")
          .put("failure_code", "NODE_FAILED")
          .put("failure_message", "Node 'Upscale' failed: " + runIds.get(i))
          .put("flow_id", "0193f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b")
          .put("source_code", "api")
          .put("created_at", at.toString())
          .put("started_at", at.plusSeconds(1).toString())
          .put("completed_at", at.plusSeconds(30).toString())
          .put("duration_ms", 29000)
          .put("has_node_runs", false);
    }
    page.putNull("next_pq");
    runflow.stubFor(
        get(urlPathEqualTo("/" + org + "/v1/runs"))
            .atPriority(2)
            .willReturn(okJson("{\"items\":[],\"next_pq\":null}")));
    runflow.stubFor(
        get(urlPathEqualTo("/" + org + "/v1/runs"))
            .atPriority(1)
            .withQueryParam("q", containing("status_code:failed"))
            .willReturn(okJson(page.toString())));
    runflow.stubFor(
        get(urlPathMatching("/" + org + "/v1/runs/[^/]+"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"NOT_FOUND\",\"message\":\"no such run\"}")));
  }

  String runflowBaseUrl(String org) {
    return "http://127.0.0.1:" + runflow.port() + "/" + org;
  }

  /** Every event the bus delivered for {@code connectionId}, oldest first: (eventId, run id). */
  List<BusEvent> busEvents(String connectionId) {
    return aws.deliveries().forTarget(RECORDER).stream()
        .filter(d -> d.envelope().contains(connectionId))
        .map(d -> BusEvent.of(read(d.envelope())))
        .filter(e -> e.connectionId().equals(connectionId))
        .toList();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    runflow.stop();
    tables.close();
    aws.close();
    dynamoDb.close();
  }

  /** One delivered event: Errorbridge's {@code detail.eventId}, connection and run. */
  record BusEvent(String eventId, String connectionId, String runId) {
    static BusEvent of(JsonNode envelope) {
      JsonNode detail = envelope.path("detail");
      return new BusEvent(
          detail.path("eventId").asText(),
          detail.path("connectionId").asText(),
          detail.path("execution").path("id").asText());
    }
  }
}

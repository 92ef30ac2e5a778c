package dev.errorbridge.lambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.ApiResponse;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The cold-start benchmark's other process: local-aws and DynamoDB Local, an Errorbridge table, KMS
 * key and bus, and one enabled Runflow webhook connection created through the settings API. Writes
 * {@code env} (the variables a Lambda function would get) and one signed Function URL event per run
 * ({@code webhook-<n>.json}, each a different run so that none is a duplicate) plus a settings
 * event ({@code settings.json}) into the output directory, prints {@code READY} and serves until
 * killed.
 *
 * <p>Usage: {@code ColdStartServices <outputDir> <runs>}
 */
public final class ColdStartServices {
  static final String SECRET = "whsec-bench-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColdStartServices() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    Files.createDirectories(out);
    LocalAws aws = LocalAws.start(LocalAwsConfig.builder().port(0).build());
    DynamoDbLocal dynamoDb = DynamoDbLocal.startInMemory();
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    String table = "errorbridge";
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(dynamoDb.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      new ErrorbridgeTable(client, table).createIfMissing();
    }
    String keyId;
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      keyId = kms.createKey(r -> r.description("errorbridge secrets")).keyMetadata().keyId();
    }
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      events.createEventBus(r -> r.name("errors"));
      events.putRule(
          r ->
              r.name("all")
                  .eventBusName("errors")
                  .eventPattern("{\"source\":[{\"prefix\":\"errorbridge.\"}]}"));
      events.putTargets(
          r ->
              r.rule("all")
                  .eventBusName("errors")
                  .targets(t -> t.id("inbox").arn("arn:aws:sqs:us-east-1:000000000000:inbox")));
    }

    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put(RuntimeSettings.TABLE, table);
    env.put(RuntimeSettings.KMS_KEY, keyId);
    env.put(RuntimeSettings.AWS_ENDPOINT, aws.endpoint().toString());
    env.put(RuntimeSettings.DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
    env.put("ERRORBRIDGE_LOCAL_AWS", aws.endpoint().toString());

    String connectionId;
    try (ConnectorComponents components =
        new ConnectorComponents(
            RuntimeSettings.fromEnvironment(env), credentials, Clock.systemUTC())) {
      String body =
          "{\"name\":\"bench\",\"enabled\":true,\"source\":{\"platform\":\"runflow\"},"
              + "\"webhook\":{\"secret\":\""
              + SECRET
              + "\"},\"destination\":{\"region\":\"us-east-1\",\"eventBus\":\"errors\","
              + "\"auth\":{\"mode\":\"AMBIENT\"}}}";
      ApiResponse created =
          components
              .settingsApi()
              .handle(
                  new ApiRequest(
                      "POST",
                      "/connections",
                      Map.of(),
                      Map.of("Content-Type", "application/json"),
                      body.getBytes(StandardCharsets.UTF_8),
                      new Caller("acme", "bench")));
      if (created.status() != 201) {
        throw new IllegalStateException("could not create the connection: " + created.body());
      }
      connectionId = JSON.readTree(created.body()).get("id").asText();
    }
    env.put("ERRORBRIDGE_BENCH_CONNECTION_ID", connectionId);

    StringBuilder lines = new StringBuilder();
    env.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
    Files.writeString(out.resolve("env"), lines.toString());
    for (int i = 0; i < runs; i++) {
      Files.writeString(
          out.resolve("webhook-" + i + ".json"),
          JSON.writeValueAsString(webhookEvent(connectionId)));
    }
    Files.writeString(out.resolve("settings.json"), JSON.writeValueAsString(settingsEvent()));
    System.out.println("READY " + aws.endpoint());
    System.out.flush();
    Thread.currentThread().join(); // served until the script stops this process
  }

  /** A Function URL event carrying a signed Runflow failure callback for a new run. */
  static JsonNode webhookEvent(String connectionId) throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    String body =
        "{\"event\":\"run.failed\",\"run_id\":\""
            + UUID.randomUUID()
            + "\",\"status\":\"failed\",\"output\":{\"code\":\"NODE_FAILED\",\"message\":\"Node"
            + " 'Upscale' failed: worker out of memory\"},\"duration_ms\":88012,\"created_at\":\""
            + now.minusSeconds(90)
            + "\",\"completed_at\":\""
            + now.minusSeconds(2)
            + "\",\"metadata\":{\"customer\":\"acme-17\"}}";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    ObjectNode event = (ObjectNode) template("webhook-function-url-runflow.json");
    String path = "/webhooks/" + connectionId;
    event.put("rawPath", path);
    event.put("body", body);
    event.put("isBase64Encoded", false);
    ((ObjectNode) event.get("headers")).put("runflow-signature", signature);
    ((ObjectNode) event.get("headers"))
        .put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
    ObjectNode context = (ObjectNode) event.get("requestContext");
    ((ObjectNode) context.get("http")).put("path", path);
    context.put("timeEpoch", now.toEpochMilli());
    return event;
  }

  static JsonNode settingsEvent() throws IOException {
    return template("settings-list-acme.json");
  }

  private static JsonNode template(String fixture) throws IOException {
    try (var in = ColdStartServices.class.getResourceAsStream("/events/" + fixture)) {
      return JSON.readTree(in);
    }
  }
}

package dev.errorbridge.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbStores;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * What outlives every server process of a crash test class, as AWS would: local-aws (EventBridge
 * with the bus {@value #BUS} whose catch-all rule records every event at {@value #RECORDER}, KMS
 * with the key that encrypts connection secrets) and DynamoDB Local on a data directory, with one
 * Errorbridge table per step (so that no step's server works on another step's connections). The
 * server children reach both over loopback as "real AWS"; this JVM reads what the bus received and
 * what the retry store holds.
 */
final class CrashWorld implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String BUS = "crash-bus";
  static final String RECORDER = "arn:aws:sqs:us-east-1:000000000000:crash-recorder";

  /** Errorbridge's own identity (the server's default credential chain reads it). */
  static final AccountCredentials SERVER_KEY = AccountCredentials.DEFAULT;

  /** The customer's IAM-user key that connections publish with (the API wants an AKIA id). */
  static final AccountCredentials CUSTOMER_KEY =
      new AccountCredentials(
          "AKIAERRORBRIDGECRASH", "CrashHarnessSecretKeyNotRealAWS000000000", "000000000000");

  private static final ObjectMapper JSON = new ObjectMapper();

  final LocalAws aws;
  final DynamoDbLocal dynamoDb;
  final String kmsKeyArn;
  private final DynamoDbClient dynamoClient;

  private CrashWorld(Path dynamoData) {
    this.aws = LocalAws.start(LocalAwsConfig.builder().credentials(CUSTOMER_KEY).build());
    this.dynamoDb = DynamoDbLocal.builder().dataDirectory(dynamoData).build().start();
    StaticCredentialsProvider server =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(SERVER_KEY.accessKeyId(), SERVER_KEY.secretAccessKey()));
    this.dynamoClient =
        DynamoDbClient.builder()
            .endpointOverride(dynamoDb.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(server)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(server)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      this.kmsKeyArn = kms.createKey(r -> r.description("crash harness")).keyMetadata().arn();
    }
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(server)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      events.createEventBus(b -> b.name(BUS));
      events.putRule(
          b ->
              b.name("record-everything")
                  .eventBusName(BUS)
                  .eventPattern("{\"source\":[{\"prefix\":\"errorbridge.\"}]}"));
      events.putTargets(
          b ->
              b.rule("record-everything")
                  .eventBusName(BUS)
                  .targets(Target.builder().id("recorder").arn(RECORDER).build()));
    }
  }

  /** Starts local-aws and DynamoDB Local with its tables in {@code dynamoData}. */
  static CrashWorld start(Path dynamoData) {
    return new CrashWorld(dynamoData);
  }

  /** Creates the Errorbridge table {@code name} (as the infra stack would), if missing. */
  void createTable(String name) {
    new ErrorbridgeTable(dynamoClient, name).createIfMissing();
  }

  /**
   * The environment of a server child in real-AWS mode against this world, on the table {@code
   * table}: endpoints overridden, Errorbridge's own key in the SDK's environment variables,
   * instance metadata off.
   */
  Map<String, String> serverEnvironment(String table) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCESS_KEY_ID", SERVER_KEY.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", SERVER_KEY.secretAccessKey());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("ERRORBRIDGE_TABLE", table);
    env.put("ERRORBRIDGE_KMS_KEY", kmsKeyArn);
    env.put("ERRORBRIDGE_AWS_ENDPOINT", aws.endpoint().toString());
    env.put("ERRORBRIDGE_DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
    return env;
  }

  /** The events the bus delivered for {@code connectionId}, oldest first. */
  List<BusEvent> busEvents(String connectionId) {
    return aws.deliveries().forTarget(RECORDER).stream()
        .map(d -> BusEvent.of(read(d.envelope())))
        .filter(e -> e.connectionId().equals(connectionId))
        .toList();
  }

  /** How many times the bus delivered {@code eventId}. */
  long timesOnBus(String eventId) {
    return aws.deliveries().forTarget(RECORDER).stream()
        .filter(d -> d.envelope().contains(eventId))
        .map(d -> BusEvent.of(read(d.envelope())))
        .filter(e -> e.eventId().equals(eventId))
        .count();
  }

  /** The events of {@code connectionId} in {@code table}'s retry store (the outbox), due or not. */
  List<ParkedEvent> parked(String table, String connectionId) {
    return parkedEvents(table).due(Instant.now().plus(Duration.ofDays(3)), 1_000).stream()
        .filter(e -> e.connectionId().equals(connectionId))
        .toList();
  }

  /**
   * Makes every parked event of {@code connectionId} due now, as if the retry schedule's backoff
   * (30 s and more) had passed: the harness's only skip of time, so that a drain has work within
   * seconds. Only for events no live process is publishing.
   */
  int makeDue(String table, String connectionId) {
    int moved = 0;
    for (ParkedEvent event : parked(table, connectionId)) {
      if (parkedEvents(table).reschedule(event, event.attempts(), Instant.now())) {
        moved++;
      }
    }
    return moved;
  }

  private ParkedEventStore parkedEvents(String table) {
    return DynamoDbStores.of(new ErrorbridgeTable(dynamoClient, table), Clock.systemUTC())
        .parkedEvents();
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
    dynamoClient.close();
    aws.close();
    dynamoDb.close();
  }

  /**
   * One event as the recording target received it.
   *
   * @param eventId Errorbridge's deterministic {@code detail.eventId}
   * @param connectionId {@code detail.connectionId}
   * @param executionId {@code detail.execution.id}
   * @param busEventId the envelope's {@code id}, EventBridge's own per {@code PutEvents} entry
   */
  record BusEvent(String eventId, String connectionId, String executionId, String busEventId) {
    static BusEvent of(JsonNode envelope) {
      JsonNode detail = envelope.path("detail");
      return new BusEvent(
          detail.path("eventId").asText(),
          detail.path("connectionId").asText(),
          detail.path("execution").path("id").asText(),
          envelope.path("id").asText());
    }
  }
}

package dev.errorbridge.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * What outlives the server processes of a chaos run, as AWS would: local-aws (a bus whose rule
 * records every event, the KMS key for connection secrets, the fault control API) and DynamoDB
 * Local on a data directory with the Errorbridge table.
 */
final class ChaosWorld implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String TABLE = "errorbridge-chaos";
  static final String BUS = "chaos-bus";
  static final String RECORDER = "arn:aws:sqs:us-east-1:000000000000:chaos-recorder";
  static final AccountCredentials SERVER_KEY = AccountCredentials.DEFAULT;
  static final AccountCredentials CUSTOMER_KEY =
      new AccountCredentials(
          "AKIAERRORBRIDGECHAOS", "ChaosBenchmarkSecretKeyNotRealAWS0000000", "000000000000");

  private static final ObjectMapper JSON = new ObjectMapper();

  final LocalAws aws;
  final DynamoDbLocal dynamoDb;
  final String kmsKeyArn;

  ChaosWorld(Path dynamoData) {
    this.aws = LocalAws.start(LocalAwsConfig.builder().credentials(CUSTOMER_KEY).build());
    this.dynamoDb = DynamoDbLocal.builder().dataDirectory(dynamoData).build().start();
    StaticCredentialsProvider server =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(SERVER_KEY.accessKeyId(), SERVER_KEY.secretAccessKey()));
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(dynamoDb.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(server)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      new ErrorbridgeTable(dynamo, TABLE).createIfMissing();
    }
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(server)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      this.kmsKeyArn = kms.createKey(r -> r.description("chaos")).keyMetadata().arn();
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

  /** The server's environment in real-AWS mode against this world. */
  Map<String, String> serverEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCESS_KEY_ID", SERVER_KEY.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", SERVER_KEY.secretAccessKey());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("ERRORBRIDGE_TABLE", TABLE);
    env.put("ERRORBRIDGE_KMS_KEY", kmsKeyArn);
    env.put("ERRORBRIDGE_AWS_ENDPOINT", aws.endpoint().toString());
    env.put("ERRORBRIDGE_DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
    return env;
  }

  /** How many deliveries the recording target has received. */
  int deliveryCount() {
    return aws.deliveries().forTarget(RECORDER).size();
  }

  /** Every {@code detail.eventId} the bus delivered, once per delivery, in delivery order. */
  List<String> deliveredEventIds() {
    return aws.deliveries().forTarget(RECORDER).stream()
        .map(d -> read(d.envelope()).path("detail").path("eventId").asText())
        .toList();
  }

  /** The {@code detail.eventId} of a delivered envelope. */
  static String eventId(String envelope) {
    return read(envelope).path("detail").path("eventId").asText();
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
    aws.close();
    dynamoDb.close();
  }
}

package dev.errorbridge.lambda;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.SettingsApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The priming steps the handlers share (see {@link Priming}); none does I/O or touches a secret.
 */
final class Primers {
  // Fixed, fake credentials: priming must never resolve the function role's (they would be frozen
  // into the snapshot), and the in-memory client never sends what they sign.
  private static final StaticCredentialsProvider FAKE =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING", "priming"));
  private static final Caller PRIMING_CALLER = new Caller("errorbridge-priming", "priming");

  private Primers() {}

  /**
   * Builds DynamoDB, KMS and EventBridge clients on {@link PrimingHttpClient} and runs the calls
   * the first request makes (GetItem, a conditional PutItem, Query, DescribeKey, PutEvents): the
   * SDK's endpoint rules, JSON protocols, signer and interceptors get loaded and run once.
   */
  static Runnable errorbridgeClients(Region region) {
    Runnable dynamoDb = dynamoDbClient(region);
    Runnable kms = kmsClient(region);
    Runnable eventBridge = eventBridgeClient(region);
    return () -> {
      dynamoDb.run();
      kms.run();
      eventBridge.run();
    };
  }

  /** A DynamoDB client on {@link PrimingHttpClient}: GetItem, a conditional PutItem, Query. */
  static Runnable dynamoDbClient(Region region) {
    return () -> {
      Map<String, AttributeValue> key =
          Map.of(
              "pk", AttributeValue.fromS("CONN#priming"), "sk", AttributeValue.fromS("CONNECTION"));
      try (DynamoDbClient dynamo =
          DynamoDbClient.builder()
              .region(region)
              .credentialsProvider(FAKE)
              .httpClient(new PrimingHttpClient())
              .build()) {
        dynamo.getItem(r -> r.tableName("errorbridge-priming").key(key).consistentRead(true));
        dynamo.putItem(
            r ->
                r.tableName("errorbridge-priming")
                    .item(key)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN("0"))));
        dynamo.query(
            r ->
                r.tableName("errorbridge-priming")
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS("CONN#priming"))));
      }
    };
  }

  /** A KMS client on {@link PrimingHttpClient}: DescribeKey. */
  static Runnable kmsClient(Region region) {
    return () -> {
      try (KmsClient kms =
          KmsClient.builder()
              .region(region)
              .credentialsProvider(FAKE)
              .httpClient(new PrimingHttpClient())
              .build()) {
        // DescribeKey, not Decrypt: no ciphertext, tenant's or otherwise, is involved in priming.
        kms.describeKey(r -> r.keyId("alias/errorbridge-priming"));
      }
    };
  }

  /**
   * An EventBridge client on {@link PrimingHttpClient}: PutEvents to a bus that is never called.
   */
  static Runnable eventBridgeClient(Region region) {
    return () -> {
      try (EventBridgeClient events =
          EventBridgeClient.builder()
              .region(region)
              .credentialsProvider(FAKE)
              .httpClient(new PrimingHttpClient())
              .build()) {
        events.putEvents(
            r ->
                r.entries(
                    e ->
                        e.eventBusName("errorbridge-priming")
                            .source("errorbridge.priming")
                            .detailType("Workflow Execution Failed")
                            .detail("{\"priming\":true}")));
      }
    };
  }

  /**
   * The steps that need nothing but the region, so they can run before (and while) the object graph
   * is built: see {@link Warmup}.
   */
  static List<Runnable> independent(Region region) {
    // Clients first: the first SDK client build is the dearest step (the SDK's core, the metadata
    // of
    // every service), and the main thread reaches its own only after the HTTP client's TLS setup.
    return List.of(errorbridgeClients(region), mapping());
  }

  /** An SQS client on {@link PrimingHttpClient} sending one batch (the poll scheduler's call). */
  static Runnable sqsClient(Region region) {
    return () -> {
      try (SqsClient sqs =
          SqsClient.builder()
              .region(region)
              .credentialsProvider(FAKE)
              .httpClient(new PrimingHttpClient())
              .build()) {
        sqs.sendMessageBatch(
            r ->
                r.queueUrl("https://sqs." + region.id() + ".amazonaws.com/000000000000/priming")
                    .entries(e -> e.id("0").messageBody("{\"connectionId\":\"priming\"}")));
      }
    };
  }

  /** Maps a synthetic failure to an event (the mapper, event ids, Jackson's writers). */
  static Runnable mapping() {
    return () -> {
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      FailedExecution failure =
          new FailedExecution(
              Platform.WEBHOOK,
              "errorbridge-priming",
              "priming",
              new FailedExecution.Workflow("wf-priming", "priming", null),
              new FailedExecution.Execution(
                  "run-priming", "failed", Outcome.FAILED, null, at, at, null, null),
              new FailedExecution.RunError("priming", "PRIMING"),
              List.of(),
              new FailedExecution.Delivery(DeliveryPath.WEBHOOK, at),
              "{\"priming\":true}");
      new DefaultFailedExecutionMapper().map(failure, MappingOptions.defaults());
    };
  }

  /**
   * The settings API's routing, JSON reading and validation: the OpenAPI document, and a create
   * with an empty body, which validation refuses before anything is stored or encrypted.
   */
  static Runnable settingsApi(SettingsApi api) {
    return () -> {
      api.handle(new ApiRequest("GET", "/openapi.yaml", Map.of(), Map.of(), null, null));
      api.handle(
          new ApiRequest(
              "POST",
              "/connections",
              Map.of(),
              Map.of("content-type", "application/json"),
              "{}".getBytes(StandardCharsets.UTF_8),
              PRIMING_CALLER));
    };
  }
}

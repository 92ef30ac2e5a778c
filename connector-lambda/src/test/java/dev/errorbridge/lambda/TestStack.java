package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.localaws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One test's Errorbridge deployment on local-aws and DynamoDB Local: a fresh table, a fresh KMS
 * key, the bus {@value #BUS} with a rule recording every event for {@value #INBOX}, and the {@link
 * ConnectorComponents} the handlers run on, built from the same environment variables Lambda
 * passes. Errorbridge's own identity is local-aws's default key (account 000000000000), so AMBIENT
 * connections publish to that account's bus.
 */
final class TestStack implements AutoCloseable {
  static final Region REGION = Region.US_EAST_1;
  static final String BUS = "errors";
  static final String INBOX = "arn:aws:sqs:us-east-1:000000000000:inbox";
  static final StaticCredentialsProvider RUNTIME =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalAws aws;
  private final Map<String, String> environment;
  private final ConnectorComponents components;
  private final List<ConnectorComponents> others = new ArrayList<>();

  TestStack(LocalAws aws, LocalDynamoDb dynamoDb) {
    this(aws, dynamoDb, Clock.systemUTC());
  }

  TestStack(LocalAws aws, LocalDynamoDb dynamoDb, Clock clock) {
    this.aws = aws;
    String table = dynamoDb.newTable().name();
    String keyId;
    try (KmsClient kms = kms()) {
      keyId = kms.createKey(r -> r.description("errorbridge secrets")).keyMetadata().keyId();
    }
    try (EventBridgeClient events = eventBridge()) {
      if (events.listEventBuses(r -> r.namePrefix(BUS)).eventBuses().isEmpty()) {
        events.createEventBus(r -> r.name(BUS));
        events.putRule(
            r ->
                r.name("all-failures")
                    .eventBusName(BUS)
                    .eventPattern("{\"source\":[{\"prefix\":\"errorbridge.\"}]}"));
        events.putTargets(
            r -> r.rule("all-failures").eventBusName(BUS).targets(t -> t.id("inbox").arn(INBOX)));
      }
    }
    this.environment =
        Map.of(
            RuntimeSettings.REGION,
            REGION.id(),
            RuntimeSettings.TABLE,
            table,
            RuntimeSettings.KMS_KEY,
            keyId,
            RuntimeSettings.AWS_ENDPOINT,
            aws.endpoint().toString(),
            RuntimeSettings.DYNAMODB_ENDPOINT,
            dynamoDb.server().endpoint().toString(),
            RuntimeSettings.ALLOWED_HOSTS,
            "127.0.0.1,localhost");
    this.components =
        new ConnectorComponents(
            RuntimeSettings.fromEnvironment(environment), RUNTIME, Clock.systemUTC());
  }

  /**
   * Creates tenant acme's enabled Runflow webhook connection (secret {@code
   * whsec-CANARY-0123456789abcdef}, AMBIENT to {@value #BUS}) through the settings API handler, as
   * a tenant would; returns its id.
   */
  String createRunflowConnection() {
    SettingsApiHandler settings =
        new SettingsApiHandler(components, REGION, IamCallers.DEFAULT_ROLE_PREFIX);
    APIGatewayV2HTTPResponse created =
        settings.handle(Fixtures.event("settings-create-acme.json", APIGatewayV2HTTPEvent.class));
    if (created.getStatusCode() != 201) {
      throw new IllegalStateException("connection not created: " + created.getBody());
    }
    return json(created.getBody()).get("id").asText();
  }

  /**
   * The object graph of another function of the same deployment (another JVM: its own clients,
   * publisher and circuit breakers) over the same table and key.
   */
  ConnectorComponents anotherFunction(Clock clock) {
    ConnectorComponents other =
        new ConnectorComponents(RuntimeSettings.fromEnvironment(environment), RUNTIME, clock);
    others.add(other);
    return other;
  }

  /**
   * The object graph of another function of this deployment whose environment also has {@code
   * extra} (e.g. the webhook base URL the stack sets on the settings API's function).
   */
  ConnectorComponents anotherFunction(Map<String, String> extra) {
    Map<String, String> variables = new java.util.HashMap<>(environment);
    variables.putAll(extra);
    ConnectorComponents other =
        new ConnectorComponents(
            RuntimeSettings.fromEnvironment(variables), RUNTIME, Clock.systemUTC());
    others.add(other);
    return other;
  }

  LocalAws aws() {
    return aws;
  }

  Map<String, String> environment() {
    return environment;
  }

  ConnectorComponents components() {
    return components;
  }

  EventBridgeClient eventBridge() {
    return EventBridgeClient.builder()
        .endpointOverride(aws.endpoint())
        .region(REGION)
        .credentialsProvider(RUNTIME)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  KmsClient kms() {
    return KmsClient.builder()
        .endpointOverride(aws.endpoint())
        .region(REGION)
        .credentialsProvider(RUNTIME)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  SqsClient sqs() {
    return SqsClient.builder()
        .endpointOverride(aws.endpoint())
        .region(REGION)
        .credentialsProvider(RUNTIME)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** The envelopes EventBridge delivered for {@value #INBOX}, oldest first. */
  List<JsonNode> delivered() {
    return aws.deliveries().forTarget(INBOX).stream().map(d -> json(d.envelope())).toList();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    others.forEach(ConnectorComponents::close);
    components.close();
  }
}

package dev.errorbridge.connector.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.mapping.Failures;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.ApiResponse;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import dev.errorbridge.localaws.events.DeliveredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventSourceState;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * PARTNER_EVENT_SOURCE end to end: the whole graph ({@link ConnectorComponents}) against local-aws
 * and DynamoDB Local through the real SDK, with the operator (the partner, local-aws's default
 * account) and a customer account, each signing with its own key. The connection is created through
 * the settings API; the customer associates, deactivates and loses the source through the SDK, as
 * in the EventBridge console. Per-entry retries of PutPartnerEvents are {@link
 * PartnerPublishTest}'s (on a clock whose sleeper takes no real time).
 */
class PartnerEventSourceEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StaticCredentialsProvider OPERATOR =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  private static final String CUSTOMER_ACCOUNT = "111122223333";
  private static final StaticCredentialsProvider CUSTOMER =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIACUSTOMER0000TEST", "customer-secret"));
  private static final String PREFIX = "aws.partner/errorbridge.example.com/failures";
  private static final String REGION = "eu-west-1";
  private static final String INBOX = "arn:aws:sqs:eu-west-1:111122223333:partner-inbox";
  private static final Caller CALLER = new Caller("tenant-p", "test");

  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private LocalAws localAws;
  private DynamoDbLocal dynamoDb;
  private ConnectorComponents components;
  private EventBridgeClient customer;
  private EventBridgeClient operator;

  @BeforeEach
  void start() {
    // One clock for Errorbridge and local-aws, so a deactivated source expires when the test says;
    // the SDK signs with the real time, hence the generous skew.
    localAws =
        LocalAws.start(
            LocalAwsConfig.builder()
                .credentials(
                    new AccountCredentials(
                        "AKIACUSTOMER0000TEST", "customer-secret", CUSTOMER_ACCOUNT))
                .clock(clock)
                .maxClockSkew(Duration.ofDays(365))
                .build());
    dynamoDb = DynamoDbLocal.startInMemory();
    customer = client(CUSTOMER);
    operator = client(OPERATOR);
    String keyId;
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(OPERATOR)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      keyId = kms.createKey(r -> r.description("errorbridge")).keyMetadata().keyId();
    }
    RuntimeSettings settings =
        RuntimeSettings.fromEnvironment(
            Map.of(
                RuntimeSettings.REGION,
                "us-east-1",
                RuntimeSettings.TABLE,
                "errorbridge-partner",
                RuntimeSettings.KMS_KEY,
                keyId,
                RuntimeSettings.AWS_ENDPOINT,
                localAws.endpoint().toString(),
                RuntimeSettings.DYNAMODB_ENDPOINT,
                dynamoDb.endpoint().toString(),
                RuntimeSettings.PARTNER_SOURCE_PREFIX,
                PREFIX));
    components = new ConnectorComponents(settings, OPERATOR, clock);
    components.table().createIfMissing();
  }

  @AfterEach
  void stop() {
    components.close();
    customer.close();
    operator.close();
    localAws.close();
    dynamoDb.close();
  }

  @Test
  void partnerSource_createdHeldAssociatedPublishedThenDeactivatedAndExpired_healthSaysEachStep()
      throws Exception {
    // Created: the source is offered to the customer's account, PENDING, and health says what to
    // do.
    JsonNode created = create();
    String id = created.path("id").asText();
    String source = PREFIX + "/" + id;
    assertThat(created.at("/destination/eventBus").asText()).isEqualTo(source);
    assertThat(created.at("/destination/auth/mode").asText()).isEqualTo("PARTNER_EVENT_SOURCE");
    assertThat(created.at("/destination/auth/accountId").asText()).isEqualTo(CUSTOMER_ACCOUNT);
    assertThat(created.at("/health/state").asText()).isEqualTo("ERROR");
    assertThat(created.at("/health/reason").asText())
        .contains(source)
        .contains("not associated")
        .contains("holds them");
    assertThat(created.at("/health/fix").asText())
        .contains("account " + CUSTOMER_ACCOUNT)
        .contains("region " + REGION)
        .contains("--event-source-name " + source);
    assertThat(customer.describeEventSource(r -> r.name(source)).state())
        .isEqualTo(EventSourceState.PENDING);

    // Not associated: nothing is sent (AWS would drop it), nothing is counted, the failure waits.
    DeliveryResult held = deliver(id, failure(connection(id), "run-held-1"));
    assertThat(held).isInstanceOf(DeliveryResult.Unavailable.class);
    assertThat(connection(id).health().delivered()).isZero();

    // The customer associates it (console: "Associate with event bus") and routes it to a target.
    associate(source);
    clock.advance(PartnerSourceReadiness.DEFAULT_TTL.plusSeconds(1));
    assertThat(get(id).at("/health/state").asText()).isEqualTo("ACTIVE");

    // Published: the held failure and 24 more go out with PutPartnerEvents, 20 entries a call.
    List<FailedExecution> failures = new ArrayList<>();
    failures.add(failure(connection(id), "run-held-1"));
    for (int i = 0; i < 24; i++) {
      failures.add(failure(connection(id), "run-batch-" + i));
    }
    DeliveryResult.Published published = (DeliveryResult.Published) deliver(id, failures);
    assertThat(published.report().allDelivered()).isTrue();
    assertThat(published.report().requests()).isEqualTo(2);
    List<DeliveredEvent> inbox = localAws.deliveries().forTarget(INBOX);
    assertThat(inbox).hasSize(25);
    JsonNode envelope = JSON.readTree(inbox.get(0).envelope());
    assertThat(envelope.path("source").asText()).isEqualTo(source);
    assertThat(envelope.path("account").asText()).isEqualTo(CUSTOMER_ACCOUNT);
    assertThat(envelope.path("detail-type").asText()).isEqualTo("Workflow Execution Failed");
    assertThat(inbox).extracting(DeliveredEvent::envelope).anyMatch(e -> e.contains("run-held-1"));
    assertThat(connection(id).health().delivered()).isEqualTo(25);

    // The customer deactivates the source: PENDING again, with AWS's deletion date.
    customer.deactivateEventSource(r -> r.name(source));
    clock.advance(PartnerSourceReadiness.DEFAULT_TTL.plusSeconds(1));
    JsonNode deactivated = get(id);
    assertThat(deactivated.at("/health/state").asText()).isEqualTo("ERROR");
    assertThat(deactivated.at("/health/reason").asText()).contains("was deactivated");
    assertThat(deactivated.at("/health/fix").asText())
        .contains("activate-event-source --region " + REGION + " --name " + source);
    assertThat(deliver(id, failure(connection(id), "run-deactivated")))
        .isInstanceOf(DeliveryResult.Unavailable.class);
    assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(25);

    // Two weeks later AWS deletes it: health says it is gone and how to get it back.
    clock.advance(Duration.ofDays(15));
    JsonNode gone = get(id);
    assertThat(gone.at("/health/state").asText()).isEqualTo("ERROR");
    assertThat(gone.at("/health/reason").asText()).contains("no longer exists");
    assertThat(gone.at("/health/fix").asText())
        .contains("save the connection's destination.auth")
        .contains("accountId " + CUSTOMER_ACCOUNT);

    // Saving destination.auth again creates the source anew, offered to the same account.
    ApiResponse saved =
        call(
            "PATCH",
            "/connections/" + id,
            Map.of("If-Match", "\"" + connection(id).version() + "\""),
            "{\"destination\":{\"auth\":{\"mode\":\"PARTNER_EVENT_SOURCE\",\"accountId\":\""
                + CUSTOMER_ACCOUNT
                + "\"}}}");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(customer.describeEventSource(r -> r.name(source)).state())
        .isEqualTo(EventSourceState.PENDING);
  }

  @Test
  void connectionTest_whenAssociated_putsATestEventWithPutPartnerEvents() throws Exception {
    String id = create().path("id").asText();
    String source = PREFIX + "/" + id;
    JsonNode pending =
        JSON.readTree(call("POST", "/connections/" + id + "/test", Map.of(), null).body());
    assertThat(pending.path("ok").asBoolean()).isFalse();
    assertThat(pending.at("/steps/0/fix").asText()).contains("associate");

    associate(source);
    clock.advance(PartnerSourceReadiness.DEFAULT_TTL.plusSeconds(1));
    JsonNode report =
        JSON.readTree(call("POST", "/connections/" + id + "/test", Map.of(), null).body());

    assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.findValuesAsText("name"))
        .containsExactly("credentials", "partnerEventSource", "putTestEvent");
    assertThat(localAws.deliveries().forTarget(INBOX))
        .singleElement()
        .satisfies(e -> assertThat(e.envelope()).contains("Errorbridge Connection Test"));
  }

  @Test
  void delete_deletesTheConnectionsPartnerEventSource() {
    String id = create().path("id").asText();
    String source = PREFIX + "/" + id;
    assertThat(operator.describePartnerEventSource(r -> r.name(source)).name()).isEqualTo(source);

    ApiResponse deleted = call("DELETE", "/connections/" + id, Map.of(), null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThatThrownBy(() -> operator.describePartnerEventSource(r -> r.name(source)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void create_whenTheAccountIdIsNotTwelveDigits_is400NamingTheFieldAndTheFix() throws Exception {
    ApiResponse response =
        call(
            "POST",
            "/connections",
            Map.of(),
            "{\"source\":{\"platform\":\"runflow\",\"apiKey\":\"rf_live_0123456789\"},"
                + "\"destination\":{\"region\":\"eu-west-1\",\"eventBus\":\"mine\","
                + "\"auth\":{\"mode\":\"PARTNER_EVENT_SOURCE\",\"accountId\":\"1111-2222-3333\","
                + "\"roleArn\":\"arn:aws:iam::111122223333:role/errorbridge-x\"}}}");

    assertThat(response.status()).isEqualTo(400);
    JsonNode problems = JSON.readTree(response.body());
    assertThat(problems.toString())
        .contains("destination.auth.accountId")
        .contains("12 digits")
        .contains("destination.eventBus")
        .contains("is chosen by Errorbridge")
        .contains("needs no credentials");
    assertThat(
            operator.listPartnerEventSources(r -> r.namePrefix(PREFIX + "/")).partnerEventSources())
        .isEmpty();
  }

  private JsonNode create() {
    ApiResponse created =
        call(
            "POST",
            "/connections",
            Map.of(),
            "{\"enabled\":true,\"source\":{\"platform\":\"runflow\",\"apiKey\":\"rf_live_0123456789\"},"
                + "\"destination\":{\"region\":\""
                + REGION
                + "\",\"auth\":{\"mode\":\"PARTNER_EVENT_SOURCE\",\"accountId\":\""
                + CUSTOMER_ACCOUNT
                + "\"}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    try {
      return JSON.readTree(created.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The customer's side: a partner event bus named after the source, a rule and a target. */
  private void associate(String source) {
    customer.createEventBus(r -> r.name(source).eventSourceName(source));
    customer.putRule(
        r ->
            r.name("errorbridge")
                .eventBusName(source)
                .eventPattern("{\"source\":[{\"prefix\":\"aws.partner/\"}]}"));
    customer.putTargets(
        r ->
            r.rule("errorbridge")
                .eventBusName(source)
                .targets(Target.builder().id("inbox").arn(INBOX).build()));
  }

  private JsonNode get(String id) throws Exception {
    ApiResponse response = call("GET", "/connections/" + id, Map.of(), null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private ApiResponse call(String method, String path, Map<String, String> headers, String body) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Content-Type", "application/json");
    return components
        .settingsApi()
        .handle(
            new ApiRequest(
                method,
                path,
                Map.of(),
                all,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                CALLER));
  }

  private Connection connection(String id) {
    return components.connections().find(id).orElseThrow();
  }

  private DeliveryResult deliver(String id, FailedExecution failure) {
    return deliver(id, List.of(failure));
  }

  private DeliveryResult deliver(String id, List<FailedExecution> failures) {
    return components
        .delivery()
        .deliver(connection(id), failures, Deadline.after(Duration.ofSeconds(20), clock));
  }

  private static FailedExecution failure(Connection connection, String executionId) {
    FailedExecution f = Failures.load("runflow");
    return new FailedExecution(
        f.platform(),
        connection.tenantId(),
        connection.id(),
        f.workflow(),
        new FailedExecution.Execution(
            executionId, "failed", Outcome.FAILED, null, null, null, null, null),
        f.error(),
        f.failedSteps(),
        f.delivery(),
        null);
  }

  private EventBridgeClient client(StaticCredentialsProvider credentials) {
    return EventBridgeClient.builder()
        .endpointOverride(localAws.endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}

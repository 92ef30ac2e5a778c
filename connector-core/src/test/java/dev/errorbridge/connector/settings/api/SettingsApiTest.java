package dev.errorbridge.connector.settings.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.credentials.DefaultConnectionDestinations;
import dev.errorbridge.connector.credentials.DefaultStsClientFactory;
import dev.errorbridge.connector.credentials.DestinationCredentialsProvider;
import dev.errorbridge.connector.mapping.ConnectionTestEvents;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.settings.BaseUrlPolicy;
import dev.errorbridge.connector.settings.ConnectionService;
import dev.errorbridge.connector.settings.ConnectionTester;
import dev.errorbridge.connector.settings.WebhookBaseUrl;
import dev.errorbridge.connector.store.dynamodb.DynamoDbAuditLog;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.testing.FakeDns;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.MissingBusPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The settings API end to end: JSON in and out, DynamoDB Local for the store, local-aws for KMS
 * (the operator's key) and EventBridge (the customer's account), all through the real SDK.
 */
@ExtendWith(LocalServices.class)
class SettingsApiTest {
  static final String CUSTOMER_KEY = "AKIACUSTOMER00000001";
  static final String CUSTOMER_SECRET = "CANARYaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
  static final String CUSTOMER_ACCOUNT = "111122223333";
  static final List<String> CANARIES =
      List.of(CUSTOMER_SECRET, "app-CANARYPLATFORMKEY0001", "CANARY-webhook-secret-0001");
  static final ObjectMapper JSON = new ObjectMapper();

  /** Errorbridge's own identity (account 000000000000), which assumes customers' roles. */
  static final StaticCredentialsProvider ERRORBRIDGE =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private static LocalDynamoDb dynamoDb;
  private static LocalAws localAws;
  private static KmsClient kms;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final Caller alice = new Caller("tenant-a", "arn:aws:iam::999:user/alice");
  private final Caller mallory = new Caller("tenant-m", "arn:aws:iam::999:user/mallory");
  private final List<String> invalidated = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final java.util.Map<String, Long> parked = new java.util.HashMap<>();
  private ErrorbridgeTable table;
  private DynamoDbAuditLog audit;
  private String keyId;
  private SettingsApi api;

  @BeforeAll
  static void start(LocalDynamoDb shared) {
    dynamoDb = shared;
    // ACCEPT_SILENTLY: PutEvents to a missing bus "succeeds", as reported of real EventBridge.
    localAws =
        LocalAws.start(
            LocalAwsConfig.builder().missingBusPolicy(MissingBusPolicy.ACCEPT_SILENTLY).build());
    localAws.registerCredentials(
        new AccountCredentials(CUSTOMER_KEY, CUSTOMER_SECRET, CUSTOMER_ACCOUNT));
    kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
    try (EventBridgeClient customer = customerEventBridge()) {
      customer.createEventBus(r -> r.name("errorbridge-demo"));
    }
  }

  @AfterAll
  static void stop() {
    kms.close();
    localAws.close();
  }

  @BeforeEach
  void freshService() {
    table = dynamoDb.newTable();
    audit = new DynamoDbAuditLog(table, clock);
    keyId = kms.createKey(r -> r.description("errorbridge secrets")).keyMetadata().keyId();
    api = api(keyId);
  }

  private SettingsApi api(String kmsKey) {
    KmsSecretCipher cipher =
        new KmsSecretCipher(kms, kmsKey, KmsSecretCipher.DEFAULT_CACHE_TTL, clock);
    DefaultConnectionDestinations destinations =
        new DefaultConnectionDestinations(
            DestinationCredentialsProvider.builder()
                .secretCipher(cipher)
                .stsClients(new DefaultStsClientFactory(ERRORBRIDGE, localAws.endpoint()))
                .build(),
            localAws.endpoint());
    ConnectionService service =
        ConnectionService.builder()
            .store(new DynamoDbConnectionStore(table))
            .cipher(cipher)
            .tester(
                new ConnectionTester(
                    destinations,
                    new DefaultEventBridgeClientFactory(),
                    new ConnectionTestEvents(clock)))
            .destinations(destinations)
            .audit(audit)
            .baseUrlPolicy(BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of()))
            .connectionIds(() -> "cn_" + ids.incrementAndGet())
            .externalIds(() -> "errorbridge-ext-" + ids.get())
            .onCredentialsChanged(invalidated::add)
            .clock(clock)
            .build();
    return new SettingsApi(service, id -> parked.getOrDefault(id, 0L));
  }

  @Test
  void get_whenTheDeploymentKnowsItsWebhookBase_showsEachConnectionsAbsoluteWebhookUrl() {
    api =
        api.withWebhookBase(
            () ->
                Optional.of(
                    new WebhookBaseUrl(
                        URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"))));

    JsonNode created = json(call(alice, "POST", "/connections", fixture("create-dify.json")));
    JsonNode one = json(call(alice, "GET", "/connections/cn_1", null));
    JsonNode page = json(call(alice, "GET", "/connections", null));

    String url = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/webhooks/cn_1";
    assertThat(created.at("/webhook/url").asText()).isEqualTo(url);
    assertThat(one.at("/webhook/url").asText()).isEqualTo(url);
    assertThat(one.at("/webhook/path").asText()).isEqualTo("/webhooks/cn_1");
    assertThat(page.at("/connections/0/webhook/url").asText()).isEqualTo(url);
  }

  @Test
  void get_whenTheDeploymentDoesNotKnowItsWebhookBase_showsThePathOnly() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    JsonNode one = json(call(alice, "GET", "/connections/cn_1", null));

    assertThat(one.at("/webhook/path").asText()).isEqualTo("/webhooks/cn_1");
    assertThat(one.at("/webhook").has("url")).isFalse();
  }

  @Test
  void get_showsTheEventsWaitingInTheOutboxAsParked() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));
    parked.put("cn_1", 3L);

    JsonNode one = json(call(alice, "GET", "/connections/cn_1", null));
    JsonNode page = json(call(alice, "GET", "/connections", null));

    assertThat(one.at("/health/parked").asLong()).isEqualTo(3);
    assertThat(page.at("/connections/0/health/parked").asLong()).isEqualTo(3);
  }

  @Test
  void create_whenValid_answers201WithMaskedSecretsETagAndLocation() {
    ApiResponse response = call(alice, "POST", "/connections", fixture("create-dify.json"));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers())
        .containsEntry("ETag", "\"1\"")
        .containsEntry("Location", "/connections/cn_1");
    JsonNode body = json(response);
    assertThat(body.at("/enabled").asBoolean()).isFalse();
    assertThat(body.at("/health/state").asText()).isEqualTo("PAUSED");
    assertThat(body.at("/destination/auth/accessKeyId").asText()).isEqualTo("****0001");
    assertThat(body.at("/destination/auth/secretAccessKey/set").asBoolean()).isTrue();
    assertThat(body.at("/destination/auth/secretAccessKey/hint").asText()).isEqualTo("****aaa1");
    assertThat(body.at("/source/apiKey/hint").asText()).isEqualTo("****0001");
    assertThat(body.at("/source/outcomes").toString()).isEqualTo("[\"FAILED\",\"STOPPED\"]");
    assertThat(body.at("/webhook/path").asText()).isEqualTo("/webhooks/cn_1");
    assertThat(audit.list("cn_1", 10))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.actor()).isEqualTo(alice.actor());
              assertThat(r.changedFields())
                  .contains("source.apiKey", "destination.auth", "webhook.secret");
            });
  }

  @Test
  void create_whenInvalid_answers400ListingEveryProblemWithoutEchoingSecrets() {
    ApiResponse response = call(alice, "POST", "/connections", fixture("create-invalid.json"));

    assertThat(response.status()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.at("/error").asText()).isEqualTo("InvalidConnection");
    List<String> fields = new ArrayList<>();
    body.at("/problems").forEach(p -> fields.add(p.at("/field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("enabeld", "source.outcomes");
    assertThat(response.body()).doesNotContain("CANARY");
  }

  @Test
  void create_whenTypesRightButValuesWrong_answers400WithEachField() {
    String body =
        fixture("create-invalid.json")
            .replace("\"enabeld\": true,", "")
            .replace("\"outcomes\": \"FAILED\"", "\"outcomes\": [\"FAILED\"]");

    ApiResponse response = call(alice, "POST", "/connections", body);

    assertThat(response.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    json(response).at("/problems").forEach(p -> fields.add(p.at("/field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "source.baseUrl",
            "source.options",
            "destination.region",
            "destination.eventBus",
            "destination.auth.accessKeyId",
            "destination.auth.secretAccessKey");
    assertThat(response.body()).contains("metadata").doesNotContain("CANARY");
  }

  @Test
  void get_whenAnotherTenantsConnection_answersTheSame404AsMissing() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    ApiResponse foreign = call(mallory, "GET", "/connections/cn_1", null);
    ApiResponse missing = call(mallory, "GET", "/connections/cn_999", null);

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(foreign).at("/error")).isEqualTo(json(missing).at("/error"));
    assertThat(call(mallory, "GET", "/connections", null).body()).doesNotContain("cn_1");
  }

  @Test
  void patch_whenTwoWritersSendTheSameVersion_firstWinsSecondGets409() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    ApiResponse first = patch("cn_1", "\"1\"", "{\"name\":\"first\"}");
    ApiResponse second = patch("cn_1", "\"1\"", "{\"name\":\"second\"}");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers()).containsEntry("ETag", "\"2\"");
    assertThat(second.status()).isEqualTo(409);
    assertThat(json(second).at("/message").asText()).contains("read it again");
    assertThat(json(call(alice, "GET", "/connections/cn_1", null)).at("/name").asText())
        .isEqualTo("first");
  }

  @Test
  void patch_withoutIfMatch_answers428() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    ApiResponse response = call(alice, "PATCH", "/connections/cn_1", "{\"name\":\"x\"}");

    assertThat(response.status()).isEqualTo(428);
  }

  @Test
  void patch_whenWebhookSecretRotated_keepsTheOldOneAsPrevious() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    ApiResponse response =
        patch("cn_1", "\"1\"", "{\"webhook\":{\"secret\":\"a-brand-new-secret-0002\"}}");

    JsonNode body = json(response);
    assertThat(body.at("/webhook/secret/hint").asText()).isEqualTo("****0002");
    assertThat(body.at("/webhook/previousSecret/hint").asText()).isEqualTo("****0001");
    assertThat(invalidated).contains("cn_1");
  }

  @Test
  void patch_whenSwitchingToAssumeRole_generatesAnExternalIdAndKeepsItAcrossEdits() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));
    String role =
        "{\"destination\":{\"auth\":{\"mode\":\"ASSUME_ROLE\",\"roleArn\":\"arn:aws:iam::111122223333:role/eb\"}}}";

    JsonNode first = json(patch("cn_1", "\"1\"", role));
    JsonNode second = json(patch("cn_1", "\"2\"", role.replace("role/eb", "role/eb2")));

    assertThat(first.at("/destination/auth/externalId").asText()).startsWith("errorbridge-ext-");
    assertThat(second.at("/destination/auth/externalId"))
        .isEqualTo(first.at("/destination/auth/externalId"));
    assertThat(second.at("/destination/auth/secretAccessKey").isMissingNode()).isTrue();
  }

  @Test
  void enableDisable_moveTheToggleAndHealthAndAreAudited() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    JsonNode enabled = json(call(alice, "POST", "/connections/cn_1/enable", null));
    JsonNode again = json(call(alice, "POST", "/connections/cn_1/enable", null));
    JsonNode disabled = json(call(alice, "POST", "/connections/cn_1/disable", null));

    assertThat(enabled.at("/enabled").asBoolean()).isTrue();
    assertThat(enabled.at("/health/state").asText()).isEqualTo("ACTIVE");
    assertThat(again.at("/version")).isEqualTo(enabled.at("/version"));
    assertThat(disabled.at("/health/state").asText()).isEqualTo("PAUSED");
    JsonNode trail = json(call(alice, "GET", "/connections/cn_1/audit", null));
    List<String> actions = new ArrayList<>();
    trail.at("/records").forEach(r -> actions.add(r.at("/action").asText()));
    assertThat(actions).containsExactly("DISABLE", "ENABLE", "CREATE");
  }

  @Test
  void test_whenBusExistsAndKeysWork_passesEveryStep() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    JsonNode report = json(call(alice, "POST", "/connections/cn_1/test", null));

    assertThat(report.at("/ok").asBoolean()).isTrue();
    assertThat(report.at("/steps/2/name").asText()).isEqualTo("putTestEvent");
    assertThat(report.at("/steps/2/status").asText()).isEqualTo("PASSED");
  }

  @Test
  void test_whenRoleTrustsErrorbridgeWithTheExternalId_passesEveryStep() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));
    JsonNode role =
        json(
            patch(
                "cn_1",
                "\"1\"",
                "{\"destination\":{\"auth\":{\"mode\":\"ASSUME_ROLE\","
                    + "\"roleArn\":\"arn:aws:iam::111122223333:role/errorbridge-publisher\"}}}"));
    String externalId = role.at("/destination/auth/externalId").asText();
    localAws
        .roles()
        .register(
            "arn:aws:iam::111122223333:role/errorbridge-publisher",
            Set.of("000000000000"),
            externalId);

    JsonNode report = json(call(alice, "POST", "/connections/cn_1/test", null));

    assertThat(report.at("/ok").asBoolean()).as(report.toString()).isTrue();
    assertThat(localAws.stsRequests())
        .anySatisfy(r -> assertThat(r.externalId()).isEqualTo(externalId));
  }

  @Test
  void test_whenRoleWantsAnotherExternalId_suspendsTheEnabledConnectionWithTheFix() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));
    patch(
        "cn_1",
        "\"1\"",
        "{\"enabled\":true,\"destination\":{\"auth\":{\"mode\":\"ASSUME_ROLE\","
            + "\"roleArn\":\"arn:aws:iam::111122223333:role/strict\"}}}");
    localAws
        .roles()
        .register("arn:aws:iam::111122223333:role/strict", Set.of("000000000000"), "some-other-id");

    JsonNode report = json(call(alice, "POST", "/connections/cn_1/test", null));
    JsonNode connection = json(call(alice, "GET", "/connections/cn_1", null));

    assertThat(report.at("/steps/0/status").asText()).isEqualTo("FAILED");
    assertThat(report.at("/steps/0/fix").asText()).contains("sts:ExternalId");
    assertThat(connection.at("/health/state").asText()).isEqualTo("SUSPENDED");
  }

  @Test
  void test_whenBusMissing_reportsItEvenThoughPutEventsWouldSucceed() {
    call(
        alice,
        "POST",
        "/connections",
        fixture("create-dify.json").replace("errorbridge-demo", "deleted-bus"));

    JsonNode report = json(call(alice, "POST", "/connections/cn_1/test", null));

    assertThat(report.at("/ok").asBoolean()).isFalse();
    assertThat(report.at("/steps/1/status").asText()).isEqualTo("FAILED");
    assertThat(report.at("/steps/1/fix").asText())
        .contains("deleted-bus does not exist in eu-west-1");
    assertThat(report.at("/steps/2/status").asText()).isEqualTo("SKIPPED");
  }

  @Test
  void test_whenSecretKeyWrong_saysToReenterIt() {
    call(
        alice,
        "POST",
        "/connections",
        fixture("create-dify.json")
            .replace(CUSTOMER_SECRET, "CANARYbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2"));

    JsonNode report = json(call(alice, "POST", "/connections/cn_1/test", null));

    assertThat(report.at("/steps/1/fix").asText())
        .contains("re-enter destination.auth.secretAccessKey");
  }

  @Test
  void test_whenKmsKeyDisabled_putsConnectionInErrorWithTheReason() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));
    call(alice, "POST", "/connections/cn_1/enable", null);
    kms.disableKey(r -> r.keyId(keyId));
    api = api(keyId); // a fresh process: nothing decrypted in its cache

    JsonNode report = json(call(alice, "POST", "/connections/cn_1/test", null));
    JsonNode connection = json(call(alice, "GET", "/connections/cn_1", null));

    assertThat(report.at("/steps/0/status").asText()).isEqualTo("FAILED");
    assertThat(connection.at("/health/state").asText()).isEqualTo("ERROR");
    assertThat(connection.at("/health/reason").asText())
        .contains("KMS key", "is disabled", "enable it");
  }

  @Test
  void rotateSecrets_reencryptsUnderTheNewKeyAndTheConnectionStillWorks() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));
    String newKey = kms.createKey(r -> r.description("rotated")).keyMetadata().keyId();
    api = api(newKey);

    ApiResponse rotated = call(alice, "POST", "/connections/cn_1/rotate-secrets", null);
    kms.disableKey(r -> r.keyId(keyId));
    JsonNode report = json(call(alice, "POST", "/connections/cn_1/test", null));

    assertThat(rotated.status()).isEqualTo(200);
    assertThat(report.at("/ok").asBoolean()).as(report.toString()).isTrue();
    assertThat(audit.list("cn_1", 10).get(1).changedFields())
        .contains("source.apiKey", "webhook.secret", "destination.auth.secretAccessKey");
  }

  @Test
  void delete_removesTheConnectionButKeepsItsAuditTrail() {
    call(alice, "POST", "/connections", fixture("create-dify.json"));

    ApiResponse deleted = call(alice, "DELETE", "/connections/cn_1", null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(call(alice, "GET", "/connections/cn_1", null).status()).isEqualTo(404);
    assertThat(audit.list("cn_1", 10).get(0).action().name()).isEqualTo("DELETE");
    assertThat(invalidated).contains("cn_1");
  }

  @Test
  void post_whenNotJsonOrTooDeepOrUnauthenticated_refusesClearly() {
    ApiResponse text =
        api.handle(
            new ApiRequest(
                "POST",
                "/connections",
                Map.of(),
                Map.of("Content-Type", "text/plain"),
                "x".getBytes(StandardCharsets.UTF_8),
                alice));
    ApiResponse deep = call(alice, "POST", "/connections", "[".repeat(100) + "]".repeat(100));
    ApiResponse anonymous = call(null, "GET", "/connections", null);

    assertThat(text.status()).isEqualTo(415);
    assertThat(deep.status()).isEqualTo(400);
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void openApi_documentsEveryRoute() {
    ApiResponse response = call(null, "GET", "/openapi.yaml", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains(
            "openapi: 3.",
            "/connections:",
            "/connections/{id}:",
            "/connections/{id}/enable:",
            "/connections/{id}/disable:",
            "/connections/{id}/test:",
            "/connections/{id}/rotate-secrets:",
            "/connections/{id}/audit:");
  }

  @Test
  void everyOperation_neverShowsASecretInResponsesLogsOrTheAuditTrail() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      call(alice, "POST", "/connections", fixture("create-dify.json"));
      call(alice, "POST", "/connections", fixture("create-invalid.json"));
      call(alice, "GET", "/connections/cn_1", null);
      call(alice, "GET", "/connections", null);
      patch("cn_1", "\"1\"", "{\"webhook\":{\"secret\":\"CANARY-webhook-secret-0002\"}}");
      call(alice, "POST", "/connections/cn_1/enable", null);
      call(alice, "POST", "/connections/cn_1/test", null);
      call(alice, "POST", "/connections/cn_1/rotate-secrets", null);
      call(alice, "GET", "/connections/cn_1/audit", null);
      kms.disableKey(r -> r.keyId(keyId));
      api = api(keyId);
      call(alice, "POST", "/connections/cn_1/test", null);
      patch("cn_1", "\"3\"", "{\"source\":{\"apiKey\":\"app-CANARYPLATFORMKEY0001\"}}");
      call(alice, "DELETE", "/connections/cn_1", null);
    } finally {
      System.setErr(originalErr);
    }
    List<String> everything = new ArrayList<>(bodies);
    everything.add(captured.toString(StandardCharsets.UTF_8));
    audit.list("cn_1", 100).forEach(r -> everything.add(r.toString()));
    everything.add(dynamoDb.client().scan(r -> r.tableName(table.name())).items().toString());
    for (String text : everything) {
      for (String canary : CANARIES) {
        assertThat(text).doesNotContain(canary).doesNotContain("CANARY-webhook-secret-0002");
      }
    }
  }

  private ApiResponse patch(String id, String ifMatch, String body) {
    return record(
        api.handle(
            new ApiRequest(
                "PATCH",
                "/connections/" + id,
                Map.of(),
                Map.of("Content-Type", "application/json", "If-Match", ifMatch),
                body.getBytes(StandardCharsets.UTF_8),
                alice)));
  }

  private ApiResponse call(Caller caller, String method, String path, String body) {
    return record(
        api.handle(
            new ApiRequest(
                method,
                path,
                Map.of(),
                Map.of("Content-Type", "application/json; charset=utf-8"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                caller)));
  }

  private ApiResponse record(ApiResponse response) {
    clock.advance(Duration.ofSeconds(1)); // requests take time; audit records sort by it
    bodies.add(response.body());
    return response;
  }

  private static JsonNode json(ApiResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static String fixture(String name) {
    try (InputStream in = SettingsApiTest.class.getResourceAsStream("/settings/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static EventBridgeClient customerEventBridge() {
    return EventBridgeClient.builder()
        .endpointOverride(localAws.endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(CUSTOMER_KEY, CUSTOMER_SECRET)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}

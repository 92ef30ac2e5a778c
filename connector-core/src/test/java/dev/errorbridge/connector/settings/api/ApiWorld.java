package dev.errorbridge.connector.settings.api;

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
import dev.errorbridge.connector.store.dynamodb.DynamoDbAuditLog;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbPageCursorKey;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.testing.FakeDns;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.MissingBusPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A settings API on real parts for input tests: DynamoDB Local for the store, local-aws for KMS,
 * the real {@link DynamoDbPageCursorKey}. One per test class ({@link #start()}, {@link #close()});
 * {@link #freshApi()} gives an empty table and a new KMS key.
 */
final class ApiWorld implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Caller ALICE = new Caller("tenant-a", "arn:aws:iam::999:user/alice");
  static final Caller MALLORY = new Caller("tenant-m", "arn:aws:iam::999:user/mallory");

  private final LocalDynamoDb dynamoDb;
  private final LocalAws localAws;
  private final KmsClient kms;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private ErrorbridgeTable table;
  private String keyId;
  private SettingsApi api;

  /** Whether {@link #close()} stops {@link #dynamoDb}: not when the test JVM shares it. */
  private final boolean ownsDynamoDb;

  private ApiWorld(LocalDynamoDb shared) {
    ownsDynamoDb = shared == null;
    dynamoDb = shared != null ? shared : LocalDynamoDb.start();
    localAws =
        LocalAws.start(
            LocalAwsConfig.builder().missingBusPolicy(MissingBusPolicy.ACCEPT_SILENTLY).build());
    kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
  }

  /** With a DynamoDB Local of its own (for jqwik's properties, which JUnit extensions miss). */
  static ApiWorld start() {
    return start(null);
  }

  /**
   * On the test JVM's shared DynamoDB Local ({@link
   * dev.errorbridge.connector.testing.LocalServices}).
   */
  static ApiWorld start(LocalDynamoDb shared) {
    ApiWorld world = new ApiWorld(shared);
    world.freshApi();
    return world;
  }

  /** A new table and KMS key, and a service over them (connection ids {@code cn_1, cn_2, …}). */
  SettingsApi freshApi() {
    table = dynamoDb.newTable();
    keyId = kms.createKey(r -> r.description("errorbridge secrets")).keyMetadata().keyId();
    api = newProcess();
    return api;
  }

  /** Another process of the same deployment: same table and KMS key, nothing cached. */
  SettingsApi newProcess() {
    KmsSecretCipher cipher =
        new KmsSecretCipher(kms, keyId, KmsSecretCipher.DEFAULT_CACHE_TTL, clock);
    StaticCredentialsProvider errorbridge =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    DefaultConnectionDestinations destinations =
        new DefaultConnectionDestinations(
            DestinationCredentialsProvider.builder()
                .secretCipher(cipher)
                .stsClients(new DefaultStsClientFactory(errorbridge, localAws.endpoint()))
                .build(),
            localAws.endpoint());
    int[] ids = {0};
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
            .audit(new DynamoDbAuditLog(table, clock))
            .baseUrlPolicy(BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of()))
            .pageCursorKey(new DynamoDbPageCursorKey(table, cipher))
            .connectionIds(() -> "cn_" + (++ids[0]) + "_" + Long.toHexString(System.nanoTime()))
            .clock(clock)
            .build();
    return new SettingsApi(service, connectionId -> 0L);
  }

  SettingsApi api() {
    return api;
  }

  ErrorbridgeTable table() {
    return table;
  }

  /** A request with a JSON content type. */
  static ApiRequest request(Caller caller, String method, String path, byte[] body) {
    return request(caller, method, path, Map.of(), body, Map.of());
  }

  static ApiRequest request(
      Caller caller,
      String method,
      String path,
      Map<String, String> query,
      byte[] body,
      Map<String, String> extraHeaders) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(extraHeaders);
    return new ApiRequest(method, path, query, headers, body, caller);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode json(ApiResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static String fixture(String name) {
    try (InputStream in = ApiWorld.class.getResourceAsStream("/settings/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kms.close();
    localAws.close();
    if (ownsDynamoDb) {
      dynamoDb.close();
    }
  }
}

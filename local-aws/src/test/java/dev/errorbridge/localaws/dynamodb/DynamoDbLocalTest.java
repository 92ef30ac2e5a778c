package dev.errorbridge.localaws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.dynamodbv2.local.monitoring.Telemetry;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

class DynamoDbLocalTest {

  // One running instance shared by the tests that only need "a DynamoDB": each uses its own table.
  private static DynamoDbLocal shared;
  private static DynamoDbClient sharedClient;

  @BeforeAll
  static void startShared() {
    shared = DynamoDbLocal.builder().inMemory().build().start();
    sharedClient = client(shared.endpoint());
  }

  @AfterAll
  static void stopShared() {
    if (sharedClient != null) {
      sharedClient.close();
    }
    if (shared != null) {
      shared.close();
    }
  }

  @Test
  void start_whenInMemory_listensOnLoopbackOnRandomPort() {
    assertThat(shared.isRunning()).isTrue();
    assertThat(shared.dataDirectory()).isEmpty();
    assertThat(shared.endpoint().getScheme()).isEqualTo("http");
    assertThat(shared.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(shared.endpoint().getPort()).isPositive().isEqualTo(shared.port());
  }

  @Test
  void start_whenStarted_leavesTelemetryOff() {
    // -disableTelemetry keeps DynamoDB Local from creating its Pinpoint telemetry client at all.
    assertThat(Telemetry.getTelemetry()).isEmpty();
  }

  @Test
  void start_whenLibraryPathSet_loadsNativeLibraryFromThatDirectory() throws Exception {
    Path maps = Path.of("/proc/self/maps");
    assumeTrue(Files.isReadable(maps), "needs Linux's /proc to see which libraries are loaded");
    Path libraryDirectory =
        Path.of(System.getProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY)).toRealPath();

    List<String> loaded;
    try (Stream<String> lines = Files.lines(maps)) {
      loaded = lines.filter(line -> line.contains("sqlite4java")).toList();
    }

    assertThat(loaded)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(libraryDirectory.toString()));
  }

  @Test
  void copiedNativeLibrary_whenBuiltByMaven_matchesSqlite4javaJarVersion() throws Exception {
    // The parent's sqlite4java.version names the copied library; the jar comes from DynamoDBLocal.
    // The enforcer cannot compare them here because DynamoDBLocal is optional in local-aws.
    Path jar =
        Path.of(
            Class.forName("com.almworks.sqlite4java.SQLite")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    String jarVersion = jar.getFileName().toString().replaceFirst("^sqlite4java-(.+)\\.jar$", "$1");
    List<String> versionedLibraries;
    try (Stream<Path> files =
        Files.list(Path.of(System.getProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY)))) {
      versionedLibraries =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.matches("libsqlite4java-.+-\\d+(\\.\\d+)*\\.so"))
              .toList();
    }
    assumeFalse(
        versionedLibraries.isEmpty(), "only the copied Maven artifact has a versioned name");

    assertThat(versionedLibraries)
        .allSatisfy(name -> assertThat(name).endsWith(jarVersion + ".so"));
  }

  @Test
  void putItem_whenItemStored_getItemReturnsIt() {
    String table = createTable("orders");
    Map<String, AttributeValue> item =
        Map.of(
            "pk", s("customer#1"),
            "sk", s("order#42"),
            "total", AttributeValue.fromN("19.99"));

    sharedClient.putItem(b -> b.tableName(table).item(item));

    Map<String, AttributeValue> read =
        sharedClient
            .getItem(
                b ->
                    b.tableName(table)
                        .key(Map.of("pk", s("customer#1"), "sk", s("order#42")))
                        .consistentRead(true))
            .item();
    assertThat(read).isEqualTo(item);
  }

  @Test
  void putItem_whenAttributeNotExistsConditionOnExistingItem_throwsConditionalCheckFailed() {
    String table = createTable("conditional");
    Map<String, AttributeValue> item = Map.of("pk", s("a"), "sk", s("1"));
    sharedClient.putItem(
        b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));

    assertThatThrownBy(
            () ->
                sharedClient.putItem(
                    b ->
                        b.tableName(table)
                            .item(item)
                            .conditionExpression("attribute_not_exists(pk)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
  }

  @Test
  void updateTimeToLive_whenEnabledOnAttribute_succeedsAndItemUpdatesSetTheAttribute() {
    String table = createTable("ttl");

    UpdateTimeToLiveResponse response =
        sharedClient.updateTimeToLive(
            b ->
                b.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));

    assertThat(response.timeToLiveSpecification().enabled()).isTrue();
    assertThat(
            sharedClient
                .describeTimeToLive(b -> b.tableName(table))
                .timeToLiveDescription()
                .timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.ENABLED);
    long inOneHour = System.currentTimeMillis() / 1000 + 3600;
    Map<String, AttributeValue> key = Map.of("pk", s("session#1"), "sk", s("meta"));
    sharedClient.updateItem(
        b ->
            b.tableName(table)
                .key(key)
                .updateExpression("SET expiresAt = :t")
                .expressionAttributeValues(
                    Map.of(":t", AttributeValue.fromN(Long.toString(inOneHour)))));
    assertThat(
            sharedClient
                .getItem(b -> b.tableName(table).key(key).consistentRead(true))
                .item()
                .get("expiresAt"))
        .isEqualTo(AttributeValue.fromN(Long.toString(inOneHour)));
  }

  @Test
  void close_whenRunning_laterCallsFailToConnect() {
    DynamoDbLocal dynamoDb = DynamoDbLocal.startInMemory();
    URI endpoint = dynamoDb.endpoint();
    try (DynamoDbClient client = client(endpoint)) {
      assertThat(client.listTables().tableNames()).isEmpty();

      dynamoDb.close();

      assertThat(dynamoDb.isRunning()).isFalse();
      assertThatThrownBy(client::listTables)
          .isInstanceOf(SdkClientException.class)
          .hasRootCauseInstanceOf(ConnectException.class);
      assertThatThrownBy(dynamoDb::endpoint).isInstanceOf(IllegalStateException.class);
      dynamoDb.close(); // a second close does nothing
    } finally {
      dynamoDb.close();
    }
  }

  @Test
  void start_whenTwoStartedConcurrently_getDifferentPorts() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<DynamoDbLocal>> starts =
          Stream.generate(
                  () ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            DynamoDbLocal dynamoDb = DynamoDbLocal.builder().build();
                            awaitQuietly(together);
                            return dynamoDb.start();
                          },
                          pool))
              .limit(2)
              .toList();
      try (DynamoDbLocal first = starts.get(0).get(30, TimeUnit.SECONDS);
          DynamoDbLocal second = starts.get(1).get(30, TimeUnit.SECONDS);
          DynamoDbClient firstClient = client(first.endpoint());
          DynamoDbClient secondClient = client(second.endpoint())) {

        assertThat(first.port()).isNotEqualTo(second.port());
        firstClient.createTable(tableRequest("only-in-first"));
        assertThat(firstClient.listTables().tableNames()).containsExactly("only-in-first");
        assertThat(secondClient.listTables().tableNames()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void start_whenDataDirectory_keepsTablesAcrossRestart(@TempDir Path dataDirectory) {
    try (DynamoDbLocal first =
            DynamoDbLocal.builder().dataDirectory(dataDirectory).build().start();
        DynamoDbClient client = client(first.endpoint())) {
      assertThat(first.dataDirectory()).contains(dataDirectory.toAbsolutePath().normalize());
      client.createTable(tableRequest("persistent"));
    }

    try (DynamoDbLocal second =
            DynamoDbLocal.builder().dataDirectory(dataDirectory).build().start();
        DynamoDbClient client = client(second.endpoint())) {
      assertThat(client.listTables().tableNames()).containsExactly("persistent");
    }
  }

  @Test
  void start_whenPortTaken_throwsDynamoDbLocalExceptionNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      DynamoDbLocal dynamoDb = DynamoDbLocal.builder().port(taken.getLocalPort()).build();

      assertThatThrownBy(dynamoDb::start)
          .isInstanceOf(DynamoDbLocalException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
      assertThat(dynamoDb.isRunning()).isFalse();
    }
  }

  @Test
  void start_whenAlreadyStarted_throwsIllegalState() {
    assertThatThrownBy(shared::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
  }

  @Test
  void endpoint_whenNotStarted_throwsIllegalState() {
    DynamoDbLocal notStarted = DynamoDbLocal.builder().build();

    assertThatThrownBy(notStarted::endpoint).isInstanceOf(IllegalStateException.class);
    assertThat(notStarted.isRunning()).isFalse();
  }

  @Test
  void start_whenLibraryPathUnset_throwsSayingHowToGetTheLibrary() {
    String libraryPath = System.clearProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY);
    try {
      assertThatThrownBy(() -> DynamoDbLocal.builder().build().start())
          .isInstanceOf(SqliteNativeLibraryNotFoundException.class)
          .hasMessageContaining("sqlite4java.library.path is not set")
          .hasMessageContaining("mvn verify")
          .hasMessageContaining("copy-sqlite4java-native")
          .hasMessageContaining("-Dsqlite4java.library.path=");
    } finally {
      System.setProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY, libraryPath);
    }
  }

  @Test
  void start_whenLibraryPathHoldsNoLibrary_throwsSayingHowToGetTheLibrary(@TempDir Path empty) {
    String libraryPath = System.setProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY, empty.toString());
    try {
      assertThatThrownBy(() -> DynamoDbLocal.builder().build().start())
          .isInstanceOf(SqliteNativeLibraryNotFoundException.class)
          .hasMessageContaining(empty + " holds no sqlite4java native library")
          .hasMessageContaining("-Dsqlite4java.library.path=");
    } finally {
      System.setProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY, libraryPath);
    }
  }

  @Test
  void build_whenSeveralProblems_reportsEveryOneInOneException(@TempDir Path directory) {
    Path missing = directory.resolve("missing");

    assertThatThrownBy(
            () -> DynamoDbLocal.builder().port(70_000).inMemory().dataDirectory(missing).build())
        .isInstanceOfSatisfying(
            DynamoDbLocalConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "port must be 0 (a random free port) or 1-65535, was 70000",
                        "choose either inMemory() or dataDirectory(Path), not both",
                        "dataDirectory " + missing + " does not exist or is not a directory"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid DynamoDB Local configuration (3 problems): ");
    assertThatThrownBy(() -> DynamoDbLocal.builder().port(-1).dataDirectory(null).build())
        .isInstanceOfSatisfying(
            DynamoDbLocalConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "port must be 0 (a random free port) or 1-65535, was -1",
                        "dataDirectory must not be null"));
  }

  @Test
  void builder_whenCalled_returnsNewBuildersLeavingTheOriginalUnchanged(@TempDir Path directory) {
    DynamoDbLocal.Builder base = DynamoDbLocal.builder();
    DynamoDbLocal.Builder withDirectory = base.dataDirectory(directory);

    assertThat(withDirectory).isNotSameAs(base);
    assertThat(base.build().dataDirectory()).isEmpty();
    assertThat(withDirectory.build().dataDirectory())
        .contains(directory.toAbsolutePath().normalize());
  }

  private static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("fakeKeyId", "fakeSecret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  /** Creates a pk/sk table on the shared instance under a name no other test uses. */
  private static String createTable(String prefix) {
    String name = prefix + "-" + System.nanoTime();
    sharedClient.createTable(tableRequest(name));
    return name;
  }

  private static CreateTableRequest tableRequest(String name) {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(
            KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
        .attributeDefinitions(
            AttributeDefinition.builder()
                .attributeName("pk")
                .attributeType(ScalarAttributeType.S)
                .build(),
            AttributeDefinition.builder()
                .attributeName("sk")
                .attributeType(ScalarAttributeType.S)
                .build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other start never came", e);
    }
  }
}

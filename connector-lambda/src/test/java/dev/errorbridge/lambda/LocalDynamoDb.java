package dev.errorbridge.lambda;

import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local in this JVM with a real SDK client (a copy of connector-core's test helper, which
 * is not published as a test jar).
 */
final class LocalDynamoDb implements AutoCloseable {
  private final DynamoDbLocal server;
  private final DynamoDbClient client;

  private LocalDynamoDb(DynamoDbLocal server) {
    this.server = server;
    this.client =
        DynamoDbClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            // DynamoDB Local keeps tables per access key: use the key the handlers sign with.
            .credentialsProvider(TestStack.RUNTIME)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  static LocalDynamoDb start() {
    return new LocalDynamoDb(DynamoDbLocal.startInMemory());
  }

  software.amazon.awssdk.services.dynamodb.DynamoDbClient client() {
    return client;
  }

  DynamoDbLocal server() {
    return server;
  }

  /** A new, empty Errorbridge table, so tests never see each other's items. */
  ErrorbridgeTable newTable() {
    return new ErrorbridgeTable(client, "t-" + UUID.randomUUID()).createIfMissing();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}

package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local in this JVM with a real SDK client. Test classes share one through {@link
 * LocalServices} and take a fresh table per test with {@link #newTable()}; what cannot use the
 * extension (jqwik properties) starts its own and closes it.
 */
public final class LocalDynamoDb implements AutoCloseable {
  private final DynamoDbLocal server;
  private final DynamoDbClient client;

  private LocalDynamoDb(DynamoDbLocal server) {
    this.server = server;
    this.client =
        DynamoDbClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  public static LocalDynamoDb start() {
    return new LocalDynamoDb(DynamoDbLocal.startInMemory());
  }

  public DynamoDbClient client() {
    return client;
  }

  /** Where DynamoDB Local listens, for code that builds its own client. */
  public URI endpoint() {
    return server.endpoint();
  }

  /** A new, empty Errorbridge table, so tests never see each other's items. */
  public ErrorbridgeTable newTable() {
    return new ErrorbridgeTable(client, "t-" + UUID.randomUUID()).createIfMissing();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}

package dev.errorbridge.server.ops;

import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * The health checks of Errorbridge's own AWS dependencies: the table answers {@code DescribeTable}
 * and the KMS key answers {@code DescribeKey} enabled (a disabled key means no secret decrypts).
 */
public final class AwsChecks implements AutoCloseable {
  private final ErrorbridgeTable table;
  private final KmsClient kms;
  private final String keyId;

  public AwsChecks(
      ErrorbridgeTable table, RuntimeSettings settings, AwsCredentialsProvider credentials) {
    this.table = table;
    this.keyId = settings.kmsKeyId();
    KmsClientBuilder builder =
        KmsClient.builder()
            .region(settings.region())
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create());
    if (settings.awsEndpoint() != null) {
      builder.endpointOverride(settings.awsEndpoint());
    }
    this.kms = builder.build();
  }

  public HealthCheck.Status dynamoDb() {
    String status =
        table.client().describeTable(b -> b.tableName(table.name())).table().tableStatusAsString();
    return "ACTIVE".equals(status)
        ? HealthCheck.Status.up("table " + table.name() + " " + status)
        : HealthCheck.Status.down("table " + table.name() + " " + status);
  }

  public HealthCheck.Status kms() {
    KeyMetadata key = kms.describeKey(b -> b.keyId(keyId)).keyMetadata();
    return key.keyState() == KeyState.ENABLED
        ? HealthCheck.Status.up("key enabled")
        : HealthCheck.Status.down("key " + key.keyStateAsString() + ": enable it in KMS");
  }

  @Override
  public void close() {
    kms.close();
  }
}

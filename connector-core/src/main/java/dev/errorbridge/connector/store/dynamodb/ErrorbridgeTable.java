package dev.errorbridge.connector.store.dynamodb;

import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The one DynamoDB table Errorbridge keeps its state in, and its key design (see {@code
 * docs/storage.md}). Every item has a partition key {@value #PK} and a sort key {@value #SK}; items
 * that expire carry {@value #EXPIRES_AT} (epoch seconds, DynamoDB TTL).
 *
 * <p>Two sparse global secondary indexes: {@value #BY_TENANT_INDEX} ({@value #GSI1_PK}, {@value
 * #GSI1_SK}) lists a tenant's connections; {@value #ENABLED_INDEX} ({@value #GSI2_PK}, {@value
 * #GSI2_SK}) lists enabled connections by shard for the poll scheduler ({@code ENABLED#<shard>})
 * and parked webhook events by due time ({@code RETRY#<shard>}).
 *
 * <p>In production the table is created by the CDK stack ({@code infra}); {@link #createIfMissing}
 * is for DynamoDB Local (tests and the standalone server's embedded defaults).
 *
 * @param client the DynamoDB client the stores share
 * @param name the table name
 */
public record ErrorbridgeTable(DynamoDbClient client, String name) {

  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String GSI1_PK = "gsi1pk";
  public static final String GSI1_SK = "gsi1sk";
  public static final String GSI2_PK = "gsi2pk";
  public static final String GSI2_SK = "gsi2sk";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String BY_TENANT_INDEX = "byTenant";
  public static final String ENABLED_INDEX = "enabled";

  /** The default table name. */
  public static final String DEFAULT_NAME = "errorbridge";

  public ErrorbridgeTable {
    Objects.requireNonNull(client, "client");
    if (name == null || !name.matches("[a-zA-Z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException(
          "table name must be 3-255 of [a-zA-Z0-9_.-], was: " + name);
    }
  }

  /** Creates the table with its indexes and TTL unless it exists; waits until it is active. */
  public ErrorbridgeTable createIfMissing() {
    try {
      client.createTable(
          CreateTableRequest.builder()
              .tableName(name)
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .attributeDefinitions(
                  string(PK),
                  string(SK),
                  string(GSI1_PK),
                  string(GSI1_SK),
                  string(GSI2_PK),
                  string(GSI2_SK))
              .keySchema(hash(PK), range(SK))
              .globalSecondaryIndexes(
                  index(BY_TENANT_INDEX, GSI1_PK, GSI1_SK), index(ENABLED_INDEX, GSI2_PK, GSI2_SK))
              .build());
      client.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(name).build());
      client.updateTimeToLive(
          UpdateTimeToLiveRequest.builder()
              .tableName(name)
              .timeToLiveSpecification(
                  TimeToLiveSpecification.builder().attributeName(EXPIRES_AT).enabled(true).build())
              .build());
    } catch (ResourceInUseException alreadyThere) {
      // Created by an earlier run or another process: nothing to do.
    }
    return this;
  }

  private static AttributeDefinition string(String attribute) {
    return AttributeDefinition.builder()
        .attributeName(attribute)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement hash(String attribute) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String attribute) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.RANGE).build();
  }

  private static GlobalSecondaryIndex index(String indexName, String pk, String sk) {
    return GlobalSecondaryIndex.builder()
        .indexName(indexName)
        .keySchema(hash(pk), range(sk))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build();
  }

  @Override
  public String toString() {
    return "ErrorbridgeTable[" + name + "]";
  }
}

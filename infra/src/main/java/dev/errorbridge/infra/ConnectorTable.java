package dev.errorbridge.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The one DynamoDB table of {@code docs/storage.md}: {@code pk}/{@code sk}, the sparse indexes
 * {@code byTenant} ({@code gsi1pk}/{@code gsi1sk}) and {@code enabled} ({@code gsi2pk}/{@code
 * gsi2sk}) projecting every attribute (as {@code ErrorbridgeTable.createIfMissing} does for
 * DynamoDB Local), and TTL on {@code expiresAt}.
 */
final class ConnectorTable extends Construct {

  static final String PK = "pk";
  static final String SK = "sk";
  static final String BY_TENANT_INDEX = "byTenant";
  static final String ENABLED_INDEX = "enabled";
  static final String EXPIRES_AT = "expiresAt";

  private final Table table;

  ConnectorTable(Construct scope, String id, String tableName) {
    super(scope, id);
    this.table =
        Table.Builder.create(this, "Table")
            .tableName(tableName)
            .partitionKey(string(PK))
            .sortKey(string(SK))
            // On demand: load follows failures, which come in bursts; nothing to size or scale.
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .timeToLiveAttribute(EXPIRES_AT)
            // Secrets in the items are already sealed with the Errorbridge key (encryption context
            // per connection); the table itself uses the AWS owned key, which costs no KMS calls.
            .encryption(TableEncryption.DEFAULT)
            // The table holds every connection and its secrets: neither a stack update that
            // replaces it nor `cdk destroy` may delete it.
            .deletionProtection(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    table.addGlobalSecondaryIndex(
        GlobalSecondaryIndexProps.builder()
            .indexName(BY_TENANT_INDEX)
            .partitionKey(string("gsi1pk"))
            .sortKey(string("gsi1sk"))
            .projectionType(ProjectionType.ALL)
            .build());
    table.addGlobalSecondaryIndex(
        GlobalSecondaryIndexProps.builder()
            .indexName(ENABLED_INDEX)
            .partitionKey(string("gsi2pk"))
            .sortKey(string("gsi2sk"))
            .projectionType(ProjectionType.ALL)
            .build());
  }

  private static Attribute string(String name) {
    return Attribute.builder().name(name).type(AttributeType.STRING).build();
  }

  Table table() {
    return table;
  }

  String tableArn() {
    return table.getTableArn();
  }

  /** The ARN of one of the table's indexes, for {@code dynamodb:Query} grants. */
  String indexArn(String indexName) {
    return table.getTableArn() + "/index/" + indexName;
  }
}

package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The table exactly as {@code docs/storage.md} describes it. */
class TableTest {

  private static Map<String, Object> table;

  @BeforeAll
  static void synthesise() {
    table = Synthesized.defaults().json().propertiesAt("State/Table");
  }

  private static Map<String, String> key(String name, String type) {
    return Map.of("AttributeName", name, "KeyType", type);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  private static Map<String, String> string(String name) {
    return Map.of("AttributeName", name, "AttributeType", "S");
  }

  @Test
  void table_isNamedAfterThePrefix() {
    assertThat(table).containsEntry("TableName", "errorbridge");
    assertThat(Synthesized.configured().json().propertiesAt("State/Table"))
        .containsEntry("TableName", "acme-eb");
  }

  @Test
  void table_hasStringPartitionAndSortKeys() {
    assertThat(table.get("KeySchema")).isEqualTo(List.of(key("pk", "HASH"), key("sk", "RANGE")));
    assertThat(list(table.get("AttributeDefinitions")))
        .containsExactlyInAnyOrder(
            string("pk"),
            string("sk"),
            string("gsi1pk"),
            string("gsi1sk"),
            string("gsi2pk"),
            string("gsi2sk"));
  }

  @Test
  void table_hasTheTwoSparseIndexesProjectingEverything() {
    assertThat(list(table.get("GlobalSecondaryIndexes")))
        .containsExactly(
            Map.of(
                "IndexName", "byTenant",
                "KeySchema", List.of(key("gsi1pk", "HASH"), key("gsi1sk", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL")),
            Map.of(
                "IndexName", "enabled",
                "KeySchema", List.of(key("gsi2pk", "HASH"), key("gsi2sk", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL")));
  }

  @Test
  void table_isOnDemandWithPointInTimeRecoveryTtlAndDeletionProtection() {
    assertThat(table)
        .containsEntry("BillingMode", "PAY_PER_REQUEST")
        .containsEntry(
            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
        .containsEntry(
            "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))
        .containsEntry("DeletionProtectionEnabled", true)
        .doesNotContainKey("ProvisionedThroughput")
        .doesNotContainKey("StreamSpecification");
  }

  @Test
  void table_isEncryptedWithTheAwsOwnedKey() {
    // SSEEnabled=false is how CloudFormation spells "AWS owned key": DynamoDB always encrypts at
    // rest; the secrets inside are sealed with the Errorbridge key on top.
    assertThat(table).containsEntry("SSESpecification", Map.of("SSEEnabled", false));
  }
}

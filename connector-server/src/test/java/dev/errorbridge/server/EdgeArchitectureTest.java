package dev.errorbridge.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The standalone server is an edge: it uses connector-core's runtime (the wiring) and the public
 * API its components hand out. It needs a few things more than the Lambda handlers, named below
 * with the reason; nothing else (not the engine, the publisher, the platforms, the secrets).
 */
class EdgeArchitectureTest {
  private static final String CORE = "dev.errorbridge.connector";

  /** connector-core's public API for an edge (the same set as connector-lambda's). */
  static final String[] PUBLIC_API = {
    CORE,
    CORE + ".runtime",
    CORE + ".settings.api",
    CORE + ".webhook",
    CORE + ".webhook.spi",
    CORE + ".poll",
    CORE + ".retry",
    CORE + ".connection",
    CORE + ".inbound",
    CORE + ".audit",
    CORE + ".time"
  };

  @Test
  void server_whenCompiled_usesOnlyTheRuntimePublicApiAndTheNamedExtras() {
    classes()
        .that()
        .resideInAPackage("dev.errorbridge.server..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage(CORE + "..")
                .or(resideInAnyPackage(PUBLIC_API))
                // The operator commands count parked events and dead letters (metrics, drain).
                .or(resideInAnyPackage(CORE + ".store", CORE + ".deadletter"))
                // Replicas lease operator operations (replay, backfill) in the table.
                // `doctor` and first start check and create the one DynamoDB table: the server
                // owns its table's lifecycle.
                .or(
                    nameMatching(
                        "dev\\.errorbridge\\.connector\\.store\\.dynamodb\\."
                            + "(ErrorbridgeTable|DynamoDbStores|OperationLeases)"
                            + "(\\$.*)?"))
                // RuntimeSettings carries the delivery policy, a value: the server sets its lease.
                .or(nameMatching("dev\\.errorbridge\\.connector\\.engine\\.DeliveryPolicy(\\$.*)?"))
                // Configuration values the settings API shows: the public address (webhook URLs)
                // and the links that connect a customer's AWS account.
                .or(
                    nameMatching(
                        "dev\\.errorbridge\\.connector\\.settings\\."
                            + "(WebhookBaseUrl|AccessLinks)(\\$.*)?")))
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.errorbridge.server"));
  }
}

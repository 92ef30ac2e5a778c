package dev.errorbridge.lambda;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Lambda handlers are an edge: they use connector-core's runtime (the wiring) and the public
 * API its components hand out, never the engine, the publisher, the stores' DynamoDB classes, the
 * platforms or the secrets.
 */
class EdgeArchitectureTest {
  private static final String CORE = "dev.errorbridge.connector";

  /**
   * connector-core's public API for an edge: the model, the runtime wiring, and the packages whose
   * types the runtime's components take and return (settings API and webhook requests/responses,
   * poll and retry runners with their reports, connections, request helpers, the audit caller,
   * deadlines).
   */
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
  void handlers_whenCompiled_useOnlyTheRuntimeAndThePublicApi() {
    classes()
        .that()
        .resideInAPackage("dev.errorbridge.lambda..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage(CORE + "..")
                .or(resideInAnyPackage(PUBLIC_API))
                // Primers warm the mapper during SnapStart's snapshot, so restored functions
                // don't pay its class loading on their first event.
                .or(resideInAnyPackage(CORE + ".mapping"))
                // A replay takes the connection's operation lease in the table, as the server's
                // replicas do, so that no dead letter is sent by two runs at once.
                .or(
                    nameMatching(
                        "dev\\.errorbridge\\.connector\\.store\\.dynamodb\\."
                            + "(ErrorbridgeTable|OperationLeases)(\\$.*)?")))
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.errorbridge.lambda"));
  }
}

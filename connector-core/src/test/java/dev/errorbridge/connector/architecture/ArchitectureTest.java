package dev.errorbridge.connector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The structure of connector-core's main classes, kept by the build: no package cycles; the model
 * and the mapping depend on nothing of the connector; a platform is its own package, using only the
 * platform SPI and the shared helpers; the DynamoDB stores are reached only through the runtime.
 */
class ArchitectureTest {
  private static final String CORE = "dev.errorbridge.connector";

  /**
   * What a platform package may use besides itself and the JDK: the platform SPI, the poll and
   * webhook SPIs, the shared HTTP/JSON/time/cache helpers, secret values (the API key is one), the
   * model, and {@code connection} (an enricher is handed the stored connection). Not the engine,
   * the stores, the settings, the registry or another platform.
   */
  static final String[] PLATFORM_MAY_USE = {
    CORE,
    CORE + ".platform",
    CORE + ".source",
    CORE + ".source.http",
    CORE + ".webhook.spi",
    CORE + ".inbound",
    CORE + ".time",
    CORE + ".secrets",
    CORE + ".connection",
    // per-connection values kept bounded and forgotten when idle (an enricher's resolvers)
    CORE + ".cache",
    // connection's model names its mapping options and destinations (read, never called).
    CORE + ".mapping",
    "java..",
    "javax..",
    "com.fasterxml.jackson..",
    "org.slf4j.."
  };

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(CORE);
  }

  @Test
  void packages_whenAnyTwoDependOnEachOther_formNoCycle() {
    // (**) captures the whole package name: every package is its own slice, the root included.
    slices().matching("dev.errorbridge.(**)").should().beFreeOfCycles().check(core);
  }

  @Test
  void model_whenCompiled_dependsOnNothingOfTheConnector() {
    classes()
        .that()
        .resideInAPackage(CORE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(CORE, "java..")
        .check(core);
  }

  @Test
  void mapping_whenCompiled_dependsOnTheModelOnly() {
    classes()
        .that()
        .resideInAPackage(CORE + ".mapping")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            CORE,
            CORE + ".mapping",
            "java..",
            "com.fasterxml.jackson..",
            // MappedEvent is a PutEvents entry; the SDK's model classes, not its clients.
            "software.amazon.awssdk.services.eventbridge.model..",
            "software.amazon.awssdk.core..",
            "software.amazon.awssdk.utils..")
        .check(core);
  }

  /** One rule per registered platform: derived from the registry, so a new one is covered. */
  @TestFactory
  List<DynamicTest> platform_whenCompiled_usesOnlyTheSpiAndSharedHelpers() {
    List<DynamicTest> tests = new ArrayList<>();
    for (PlatformPlugin plugin : PlatformRegistry.builtIn().plugins()) {
      String own = plugin.getClass().getPackageName();
      tests.add(
          DynamicTest.dynamicTest(
              plugin.platform().id(),
              () -> {
                List<String> allowed = new ArrayList<>(List.of(PLATFORM_MAY_USE));
                allowed.add(own);
                classes()
                    .that()
                    .resideInAPackage(own)
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(allowed.toArray(String[]::new))
                    .check(core);
              }));
    }
    return tests;
  }

  @Test
  void platformPackages_whenUsedOutsideThemselves_areUsedByTheRegistryOnly() {
    for (PlatformPlugin plugin : PlatformRegistry.builtIn().plugins()) {
      String own = plugin.getClass().getPackageName();
      noClasses()
          .that()
          .resideOutsideOfPackages(own, CORE + ".platform.registry")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(own)
          .because("a platform is reached through the registry, so adding one touches no caller")
          .check(core);
    }
  }

  @Test
  void platformSpi_whenCompiled_knowsNoPlatform() {
    noClasses()
        .that()
        .resideInAnyPackage(
            CORE + ".platform", CORE + ".source..", CORE + ".webhook..", CORE + ".poll..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            PlatformRegistry.builtIn().plugins().stream()
                .map(p -> p.getClass().getPackageName())
                .toArray(String[]::new))
        .check(core);
  }

  @Test
  void dynamoDbStores_whenUsed_areUsedByTheRuntimeOnly() {
    noClasses()
        .that()
        .resideOutsideOfPackages(CORE + ".store.dynamodb", CORE + ".runtime")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CORE + ".store.dynamodb")
        .because("stores are interfaces beside their users; DynamoDB is wired in one place")
        .check(core);
  }
}

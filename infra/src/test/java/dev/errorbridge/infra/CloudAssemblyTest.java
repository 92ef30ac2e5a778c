package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The build leaves the deployable cloud assembly in {@code infra/cdk.out}, as cdk synth would. */
class CloudAssemblyTest {

  @BeforeAll
  static void synthesise() {
    Synthesized.defaults();
  }

  @Test
  void cdkOut_holdsTheErrorbridgeStackTemplateAndTheFunctionsArtifact() throws IOException {
    Path template = Synthesized.CDK_OUT.resolve(ErrorbridgeStack.NAME + ".template.json");

    assertThat(Synthesized.CDK_OUT.resolve("manifest.json")).isRegularFile();
    assertThat(template).isRegularFile();
    @SuppressWarnings("unchecked")
    Map<String, Object> written = new ObjectMapper().readValue(template.toFile(), Map.class);
    assertThat(written)
        .containsEntry("Resources", Synthesized.defaults().template().toJSON().get("Resources"));
    try (Stream<Path> files = Files.list(Synthesized.CDK_OUT)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .filteredOn(name -> name.startsWith("asset.") && name.endsWith(".jar"))
          .hasSize(1); // one artifact, shared by the five functions
    }
  }

  @Test
  void cdkJson_runsTheAppThroughMavenAndPinsTheRecommendedFeatureFlags() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> cdkJson = new ObjectMapper().readValue(CdkJson.FILE.toFile(), Map.class);

    assertThat(cdkJson).containsEntry("app", "mvn -e -q compile exec:java");
    assertThat(CdkJson.context())
        .containsEntry("@aws-cdk/aws-iam:minimizePolicies", true)
        .containsEntry("@aws-cdk/aws-lambda:useCdkManagedLogGroup", true)
        .containsEntry("@aws-cdk/core:enablePartitionLiterals", true);
  }
}

package dev.errorbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.errorbridge.samples.ContractEvents.NamedEvent;
import dev.errorbridge.samples.RegistrySchemas.DetailTypeSchema;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema registry renditions are committed as generated, fit the registry, and give every
 * sample event and every hostile variant the verdict connector-core's draft 2020-12 schema gives,
 * under two independent draft 4 validators (networknt's and Vert.x's).
 */
class RegistrySchemasTest {
  private static final Map<String, DetailTypeSchema> TYPES =
      RegistrySchemas.DETAIL_TYPES.stream()
          .collect(Collectors.toMap(DetailTypeSchema::detailType, Function.identity()));
  private static final Map<String, JsonNode> RENDITIONS =
      RegistrySchemas.DETAIL_TYPES.stream()
          .collect(
              Collectors.toMap(
                  DetailTypeSchema::detailType,
                  t -> SampleFiles.read(Path.of(RegistrySchemas.DIRECTORY, t.fileName()))));

  static Stream<NamedEvent> samples() {
    return ContractEvents.samples();
  }

  static Stream<NamedEvent> variants() {
    return ContractEvents.variants();
  }

  @Test
  void committedRenditions_areWhatTheGeneratorMakesOfConnectorCoresSchemas() {
    Map<Path, String> generated = GeneratedFiles.all(Path.of("."));
    for (DetailTypeSchema type : RegistrySchemas.DETAIL_TYPES) {
      Path file = Path.of(RegistrySchemas.DIRECTORY, type.fileName());
      assertThat(SampleFiles.read(file))
          .as(
              "samples/%s is stale: run GeneratedFiles (see its javadoc) and commit the result",
              file)
          .isEqualTo(parse(generated.get(file)));
    }
  }

  @Test
  void renditions_fitTheRegistrysContentLimitAndPinTheirDetailType() {
    for (DetailTypeSchema type : RegistrySchemas.DETAIL_TYPES) {
      String content = ErrorbridgeSchemaRegistry.committedContent(type);
      JsonNode rendition = parse(content);
      assertThat(content.length()).isLessThanOrEqualTo(RegistrySchemas.MAX_CONTENT_CHARS);
      assertThat(rendition.get("$schema").textValue())
          .isEqualTo("http://json-schema.org/draft-04/schema#");
      assertThat(rendition.at("/properties/detail-type/enum/0").textValue())
          .isEqualTo(type.detailType());
      assertThat(rendition.get("x-amazon-events-detail-type").textValue())
          .isEqualTo(type.detailType());
      assertThat(content).doesNotContain("$defs", "\"const\"", "\"if\"", "$id");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleEvent_isValidUnderTheSourceSchemaAndBothRenditionValidators(NamedEvent sample) {
    assertThat(verdicts(sample)).containsExactly(true, true, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void variant_getsTheSourceSchemasVerdictFromBothRenditionValidators(NamedEvent variant) {
    assertThat(verdicts(variant))
        .containsExactly(variant.valid(), variant.valid(), variant.valid());
  }

  @Test
  void draft4_whenTheSourceUsesAKeywordWithoutRendition_refusesToGenerate() {
    JsonNode source =
        parse(
            "{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\","
                + "\"prefixItems\":[{\"type\":\"string\"}]}}}");

    assertThatThrownBy(() -> RegistrySchemas.draft4(RegistrySchemas.DETAIL_TYPES.get(0), source))
        .isInstanceOf(RegistrySchemaConversionException.class)
        .hasMessageContaining("prefixItems")
        .hasMessageContaining("detail/properties");
  }

  /** The 2020-12 verdict on the detail, then networknt's and Vert.x's on the whole event. */
  private static Boolean[] verdicts(NamedEvent event) {
    DetailTypeSchema type = TYPES.get(event.detailType());
    JsonSchema source =
        "Errorbridge Connection Test".equals(type.detailType())
            ? Schemas.CONNECTION_TEST
            : Schemas.FAILED_EXECUTION;
    boolean sourceVerdict =
        source.validate(event.event().get("detail").toString(), InputFormat.JSON).isEmpty();
    JsonNode rendition = RENDITIONS.get(type.detailType());
    boolean networknt =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(
                rendition, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
            .validate(event.event().toString(), InputFormat.JSON)
            .isEmpty();
    boolean vertx =
        Validator.create(
                io.vertx.json.schema.JsonSchema.of(new JsonObject(rendition.toString())),
                new JsonSchemaOptions()
                    .setDraft(Draft.DRAFT4)
                    .setBaseUri("https://errorbridge.dev/registry/")
                    .setOutputFormat(OutputFormat.Flag))
            .validate(new JsonObject(event.event().toString()))
            .getValid();
    return new Boolean[] {sourceVerdict, networknt, vertx};
  }

  private static JsonNode parse(String json) {
    try {
      return SampleFiles.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

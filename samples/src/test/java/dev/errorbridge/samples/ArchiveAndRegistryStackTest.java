package dev.errorbridge.samples;

import static dev.errorbridge.samples.SynthesizedStack.json;
import static dev.errorbridge.samples.SynthesizedStack.onlyLogicalId;
import static dev.errorbridge.samples.SynthesizedStack.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/** The alerting stack's archive of Errorbridge events and its schema registry, as synthesised. */
class ArchiveAndRegistryStackTest {
  @Test
  void archive_isOnTheBusWithTheErrorbridgePrefixAndTheRetentionParameter() {
    JsonNode archive = onlyResource("AWS::Events::Archive").get("Properties");
    String bus = onlyLogicalId("AWS::Events::EventBus");

    assertThat(SynthesizedStack.text(archive.get("SourceArn"))).isEqualTo("${" + bus + ".Arn}");
    assertThat(archive.get("EventPattern").toString())
        .isEqualTo("{\"source\":[{\"prefix\":\"errorbridge.\"}]}");
    assertThat(archive.at("/RetentionDays/Ref").textValue()).isEqualTo("ArchiveRetentionDays");
    JsonNode parameter = json().at("/Parameters/ArchiveRetentionDays");
    assertThat(parameter.get("Type").textValue()).isEqualTo("Number");
    assertThat(parameter.get("Default").asInt()).isEqualTo(30);
    assertThat(parameter.get("MinValue").asInt()).isZero();
    assertThat(json().at("/Outputs/ArchiveArn/Value/Fn::GetAtt/1").textValue()).isEqualTo("Arn");
  }

  @Test
  void archivePattern_takesEverySampleEventAndNoOtherSource() throws Exception {
    Machine machine = new Machine();
    machine.addRule(
        "archive", onlyResource("AWS::Events::Archive").at("/Properties/EventPattern").toString());

    List<String> missed = new ArrayList<>();
    for (ContractEvents.NamedEvent e : ContractEvents.samples().toList()) {
      if (machine.rulesForJSONEvent(e.event().toString()).isEmpty()) {
        missed.add(e.name());
      }
    }
    assertThat(missed).isEmpty();
    assertThat(
            machine.rulesForJSONEvent(
                "{\"source\":\"aws.partner/errorbridge.dev/x/y\",\"detail-type\":\"x\",\"detail\":{}}"))
        .isEmpty();
    assertThat(machine.rulesForJSONEvent("{\"source\":\"orders\",\"detail\":{}}")).isEmpty();
  }

  @Test
  void registry_holdsOneDraft4SchemaPerDetailTypeAsCommitted() {
    String registry = onlyLogicalId("AWS::EventSchemas::Registry");
    List<JsonNode> schemas = new ArrayList<>();
    json()
        .get("Resources")
        .forEach(
            r -> {
              if ("AWS::EventSchemas::Schema".equals(r.get("Type").textValue())) {
                schemas.add(r.get("Properties"));
              }
            });

    assertThat(schemas).hasSize(RegistrySchemas.DETAIL_TYPES.size());
    for (RegistrySchemas.DetailTypeSchema type : RegistrySchemas.DETAIL_TYPES) {
      JsonNode schema =
          schemas.stream()
              .filter(s -> s.get("SchemaName").textValue().equals(type.schemaName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no schema " + type.schemaName()));
      assertThat(schema.get("Type").textValue()).isEqualTo("JSONSchemaDraft4");
      assertThat(SynthesizedStack.text(schema.get("RegistryName")))
          .isEqualTo("${" + registry + ".RegistryName}");
      assertThat(schema.get("Content").textValue())
          .isEqualTo(ErrorbridgeSchemaRegistry.committedContent(type));
      // CreateSchema: Content at most 100000 characters, Description at most 256.
      assertThat(schema.get("Content").textValue().length())
          .isLessThanOrEqualTo(RegistrySchemas.MAX_CONTENT_CHARS);
      assertThat(schema.get("Description").textValue().length()).isLessThanOrEqualTo(256);
    }
    assertThat(
            SynthesizedStack.text(
                onlyResource("AWS::EventSchemas::Registry").at("/Properties/RegistryName")))
        .isEqualTo("errorbridge-${" + onlyLogicalId("AWS::Events::EventBus") + "}");
  }
}

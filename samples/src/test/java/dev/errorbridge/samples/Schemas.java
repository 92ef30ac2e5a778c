package dev.errorbridge.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/** The detail schemas of the event contract (draft 2020-12), with formats asserted. */
final class Schemas {
  static final JsonNode FAILED_EXECUTION_TREE =
      SampleFiles.read(SampleFiles.SCHEMAS.resolve("failed-execution-v1.schema.json"));
  static final JsonSchema FAILED_EXECUTION = compile(FAILED_EXECUTION_TREE);
  static final JsonSchema CONNECTION_TEST =
      compile(SampleFiles.read(SampleFiles.SCHEMAS.resolve("connection-test-v1.schema.json")));

  private Schemas() {}

  private static JsonSchema compile(JsonNode schema) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
  }
}

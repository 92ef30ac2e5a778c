package dev.errorbridge.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the EventBridge schema registry renditions of the event contract: one {@code
 * JSONSchemaDraft4} schema per detail type, describing the whole event as a rule target receives it
 * (the envelope, with {@code detail-type} pinned and {@code detail} a translation of
 * connector-core's draft 2020-12 detail schema that accepts and rejects exactly the same details).
 *
 * <p>JSONSchemaDraft4 rather than OpenApi3 because AWS recommends it for validating events ("We
 * recommend using JSONSchema format to implement client-side validation so that events sent to
 * EventBridge conform to the schema",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-schema-create.html), and because
 * draft 4 keeps {@code not}, {@code allOf}/{@code anyOf} and {@code additionalProperties} with the
 * same meaning, which is what the translation needs. What draft 4 lacks is rewritten:
 *
 * <ul>
 *   <li>{@code const: v} becomes {@code enum: [v]};
 *   <li>{@code if}/{@code then}/{@code else} becomes {@code anyOf: [allOf: [if, then], allOf: [not
 *       if, else]]}, the definition of its meaning;
 *   <li>{@code $defs} become {@code definitions} of the document (refs rewritten), {@code $schema}
 *       and {@code $id} are dropped (the registry names the schema);
 *   <li>{@code $ref} with sibling assertions, which draft 4 would ignore, becomes {@code allOf}.
 * </ul>
 *
 * Any other 2020-12-only keyword fails the generation ({@link RegistrySchemaConversionException})
 * instead of being dropped silently.
 */
public final class RegistrySchemas {
  /** Where the generated files live, under {@code samples/}, and their classpath folder. */
  public static final String DIRECTORY = "registry";

  /** {@code Content} of {@code AWS::EventSchemas::Schema}: "max: 100000" (CreateSchema). */
  public static final int MAX_CONTENT_CHARS = 100_000;

  /** The registry the samples stack creates. */
  public static final String REGISTRY_NAME = "errorbridge";

  private static final String DRAFT4 = "http://json-schema.org/draft-04/schema#";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Keywords whose value is one schema. */
  private static final Set<String> SCHEMA_VALUED =
      Set.of("items", "additionalProperties", "additionalItems", "not");

  /** Keywords whose value is an array of schemas. */
  private static final Set<String> SCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf");

  /** Keywords whose value is a map of schemas. */
  private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties");

  /** Draft 4 keywords that mean the same in 2020-12 and are copied as they are. */
  private static final Set<String> SAME_MEANING =
      Set.of(
          "title",
          "description",
          "default",
          "type",
          "enum",
          "required",
          "minProperties",
          "maxProperties",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "multipleOf");

  /**
   * One registry schema.
   *
   * @param detailType the {@code DetailType} it describes
   * @param schemaName its name in the registry, e.g. {@code errorbridge@WorkflowExecutionFailed}
   * @param sourceFile connector-core's draft 2020-12 detail schema it is generated from
   */
  public record DetailTypeSchema(String detailType, String schemaName, String sourceFile) {
    /** The generated file's name under {@link #DIRECTORY}. */
    public String fileName() {
      return schemaName.replace('@', '.') + ".json";
    }

    /** The name of the detail's definition, e.g. {@code WorkflowExecutionFailed}. */
    public String detailDefinition() {
      return schemaName.substring(schemaName.indexOf('@') + 1);
    }
  }

  /** Every Errorbridge detail type and its rendition. */
  public static final List<DetailTypeSchema> DETAIL_TYPES =
      List.of(
          new DetailTypeSchema(
              "Workflow Execution Failed",
              "errorbridge@WorkflowExecutionFailed",
              "failed-execution-v1.schema.json"),
          new DetailTypeSchema(
              "Workflow Execution Stopped",
              "errorbridge@WorkflowExecutionStopped",
              "failed-execution-v1.schema.json"),
          new DetailTypeSchema(
              "Workflow Execution Partially Failed",
              "errorbridge@WorkflowExecutionPartiallyFailed",
              "failed-execution-v1.schema.json"),
          new DetailTypeSchema(
              "Errorbridge Connection Test",
              "errorbridge@ErrorbridgeConnectionTest",
              "connection-test-v1.schema.json"));

  private RegistrySchemas() {}

  /** The rendition of {@code detailSchema} (draft 2020-12) for one detail type. */
  public static ObjectNode draft4(DetailTypeSchema type, JsonNode detailSchema) {
    ObjectNode definitions = NODES.objectNode();
    JsonNode defs = detailSchema.get("$defs");
    if (defs != null) {
      defs.fields()
          .forEachRemaining(d -> definitions.set(d.getKey(), convert(d.getValue(), d.getKey())));
    }
    ObjectNode detail = (ObjectNode) convert(withoutDocumentKeywords(detailSchema), "detail");
    if (definitions.has(type.detailDefinition())) {
      throw new RegistrySchemaConversionException(
          "a $defs entry is named " + type.detailDefinition() + ", the name of the detail itself");
    }

    ObjectNode document = NODES.objectNode();
    document.put("$schema", DRAFT4);
    document.put("title", type.detailDefinition());
    document.put(
        "description",
        "An Errorbridge '"
            + type.detailType()
            + "' event as a rule target receives it; generated from "
            + type.sourceFile()
            + ".");
    document.put("type", "object");
    ArrayNode required = document.putArray("required");
    List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources")
        .forEach(required::add);
    required.add("detail");
    ObjectNode properties = document.putObject("properties");
    properties.putObject("version").put("type", "string");
    properties.putObject("id").put("type", "string");
    ObjectNode detailTypeProperty = properties.putObject("detail-type").put("type", "string");
    detailTypeProperty.putArray("enum").add(type.detailType());
    properties.putObject("source").put("type", "string");
    properties.putObject("account").put("type", "string");
    properties.putObject("time").put("type", "string").put("format", "date-time");
    properties.putObject("region").put("type", "string");
    properties.putObject("resources").put("type", "array").putObject("items").put("type", "string");
    properties.putObject("detail").put("$ref", "#/definitions/" + type.detailDefinition());
    ObjectNode allDefinitions = document.putObject("definitions");
    allDefinitions.set(type.detailDefinition(), detail);
    allDefinitions.setAll(definitions);
    // The registry's own schemas carry the detail type this way; code bindings read it.
    document.put("x-amazon-events-detail-type", type.detailType());
    return document;
  }

  private static JsonNode withoutDocumentKeywords(JsonNode schema) {
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    copy.remove(List.of("$schema", "$id", "$defs"));
    return copy;
  }

  private static JsonNode convert(JsonNode schema, String at) {
    if (schema.isBoolean()) {
      return schema.booleanValue()
          ? NODES.objectNode()
          : NODES.objectNode().set("not", NODES.objectNode());
    }
    if (!schema.isObject()) {
      throw new RegistrySchemaConversionException("not a schema at " + at + ": " + schema);
    }
    ObjectNode out = NODES.objectNode();
    ArrayNode allOf = NODES.arrayNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String keyword = field.getKey();
      JsonNode value = field.getValue();
      String where = at + "/" + keyword;
      if (SAME_MEANING.contains(keyword)) {
        out.set(keyword, value.deepCopy());
      } else if (keyword.equals("const")) {
        out.putArray("enum").add(value.deepCopy());
      } else if (keyword.equals("$ref")) {
        out.put("$ref", ref(value.textValue(), where));
      } else if (SCHEMA_VALUED.contains(keyword)) {
        boolean booleanAllowed =
            keyword.equals("additionalProperties") || keyword.equals("additionalItems");
        out.set(keyword, value.isBoolean() && booleanAllowed ? value : convert(value, where));
      } else if (SCHEMA_ARRAYS.contains(keyword)) {
        ArrayNode schemas = out.putArray(keyword);
        for (int i = 0; i < value.size(); i++) {
          schemas.add(convert(value.get(i), where + "/" + i));
        }
      } else if (SCHEMA_MAPS.contains(keyword)) {
        ObjectNode map = out.putObject(keyword);
        value.fields().forEachRemaining(p -> map.set(p.getKey(), convert(p.getValue(), where)));
      } else if (keyword.equals("if")) {
        allOf.add(ifThenElse(schema, at));
      } else if (keyword.equals("then") || keyword.equals("else")) {
        if (!schema.has("if")) {
          throw new RegistrySchemaConversionException(keyword + " without if at " + at);
        }
      } else {
        throw new RegistrySchemaConversionException(
            "keyword '"
                + keyword
                + "' at "
                + at
                + " has no JSONSchemaDraft4 rendition here; extend RegistrySchemas to translate it");
      }
    }
    if (!allOf.isEmpty()) {
      ArrayNode existing = out.has("allOf") ? (ArrayNode) out.get("allOf") : out.putArray("allOf");
      existing.addAll(allOf);
    }
    return refWithSiblings(out);
  }

  /** {@code if}/{@code then}/{@code else} as what it means: (if and then) or (not if and else). */
  private static JsonNode ifThenElse(JsonNode schema, String at) {
    JsonNode condition = convert(schema.get("if"), at + "/if");
    JsonNode then =
        schema.has("then") ? convert(schema.get("then"), at + "/then") : NODES.objectNode();
    JsonNode otherwise =
        schema.has("else") ? convert(schema.get("else"), at + "/else") : NODES.objectNode();
    ObjectNode whenTrue = NODES.objectNode();
    whenTrue.putArray("allOf").add(condition).add(then);
    ObjectNode whenFalse = NODES.objectNode();
    whenFalse
        .putArray("allOf")
        .add(NODES.objectNode().set("not", condition.deepCopy()))
        .add(otherwise);
    ObjectNode either = NODES.objectNode();
    either.putArray("anyOf").add(whenTrue).add(whenFalse);
    return either;
  }

  /** Draft 4 ignores a {@code $ref}'s siblings; 2020-12 applies them, so they move into allOf. */
  private static JsonNode refWithSiblings(ObjectNode converted) {
    if (!converted.has("$ref")) {
      return converted;
    }
    ObjectNode rest = converted.deepCopy();
    rest.remove(List.of("$ref", "description", "title"));
    if (rest.isEmpty()) {
      return converted;
    }
    ObjectNode out = NODES.objectNode();
    if (converted.has("description")) {
      out.set("description", converted.get("description"));
    }
    out.putArray("allOf")
        .add(NODES.objectNode().put("$ref", converted.get("$ref").textValue()))
        .add(rest);
    return out;
  }

  private static String ref(String ref, String at) {
    if (ref != null && ref.startsWith("#/$defs/")) {
      return "#/definitions/" + ref.substring("#/$defs/".length());
    }
    throw new RegistrySchemaConversionException(
        "only local #/$defs/ references can be translated; got " + ref + " at " + at);
  }
}

package dev.errorbridge.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.eventschemas.CfnRegistry;
import software.amazon.awscdk.services.eventschemas.CfnSchema;
import software.constructs.Construct;

/**
 * A schema registry holding the event contract, one JSONSchemaDraft4 schema per detail type (see
 * {@link RegistrySchemas}), so customers find Errorbridge's events in EventBridge's schema registry
 * and download code bindings for them. The schemas are read from the committed files under {@code
 * samples/registry/} (on the classpath), which a test keeps equal to what {@link RegistrySchemas}
 * generates from connector-core's schemas.
 */
public final class ErrorbridgeSchemaRegistry extends Construct {
  /** {@code AWS::EventSchemas::Schema} Type for JSON Schema draft 4. */
  public static final String SCHEMA_TYPE = "JSONSchemaDraft4";

  private final CfnRegistry registry;
  private final List<CfnSchema> schemas = new ArrayList<>();

  public ErrorbridgeSchemaRegistry(Construct scope, String id, IEventBus bus) {
    super(scope, id);
    registry =
        CfnRegistry.Builder.create(this, "Registry")
            .registryName(
                Fn.join("-", List.of(RegistrySchemas.REGISTRY_NAME, bus.getEventBusName())))
            .description("Errorbridge event contract v1, one schema per detail type")
            .build();
    for (RegistrySchemas.DetailTypeSchema type : RegistrySchemas.DETAIL_TYPES) {
      CfnSchema schema =
          CfnSchema.Builder.create(this, type.detailDefinition())
              .registryName(registry.getAttrRegistryName())
              .schemaName(type.schemaName())
              .type(SCHEMA_TYPE)
              .description("Errorbridge '" + type.detailType() + "' event, contract v1")
              .content(committedContent(type))
              .build();
      schemas.add(schema);
    }
  }

  /** The registry. */
  public CfnRegistry registry() {
    return registry;
  }

  /** One schema per detail type, in {@link RegistrySchemas#DETAIL_TYPES} order. */
  public List<CfnSchema> schemas() {
    return List.copyOf(schemas);
  }

  /** The committed rendition, as it is on the classpath. */
  static String committedContent(RegistrySchemas.DetailTypeSchema type) {
    String path = RegistrySchemas.DIRECTORY + "/" + type.fileName();
    try (InputStream in =
        ErrorbridgeSchemaRegistry.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            path + " is not on the classpath; run GeneratedFiles to write samples/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}

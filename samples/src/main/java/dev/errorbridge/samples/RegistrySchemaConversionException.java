package dev.errorbridge.samples;

/**
 * A draft 2020-12 schema uses something the EventBridge schema registry's JSONSchemaDraft4 format
 * cannot say, so no registry rendition with the same meaning can be generated.
 */
public final class RegistrySchemaConversionException extends RuntimeException {
  public RegistrySchemaConversionException(String message) {
    super(message);
  }
}

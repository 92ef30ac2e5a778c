package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON event fixtures under {@code events/} with the serializer the Lambda Java runtime
 * uses, so that an event deserialises exactly as it would on Lambda.
 */
final class Fixtures {
  private Fixtures() {}

  static <T> T event(String name, Class<T> type) {
    return LambdaEventSerializers.serializerFor(type, Fixtures.class.getClassLoader())
        .fromJson(text("events/" + name));
  }

  /** An event from a fixture whose placeholders a test has filled in. */
  static <T> T eventFromJson(String json, Class<T> type) {
    return LambdaEventSerializers.serializerFor(type, Fixtures.class.getClassLoader())
        .fromJson(json);
  }

  static String text(String resource) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

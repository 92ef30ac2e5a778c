package dev.errorbridge.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads Lambda events into the aws-lambda-java-events classes and writes responses, with the
 * Jackson that connector-core loads anyway. A handler that streams its own JSON spares the Lambda
 * Java runtime's event serializer (its own shaded Jackson, joda-time and reflection over the event
 * classes), which costs about a third of a second of a cold start (see docs/benchmarks.md). The
 * event classes are plain beans whose property names are the JSON's ({@code rawPath}, {@code
 * isBase64Encoded}, {@code requestContext.authorizer.iam.userArn}…); unknown members are ignored,
 * as the runtime ignores them.
 */
final class LambdaJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private LambdaJson() {}

  static <T> T read(InputStream input, Class<T> type) throws IOException {
    return JSON.readValue(input, type);
  }

  static JsonNode tree(byte[] json) throws IOException {
    return JSON.readTree(json);
  }

  static void write(OutputStream output, Object value) throws IOException {
    JSON.writeValue(output, value);
  }
}

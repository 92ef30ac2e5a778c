package dev.errorbridge.samples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files under {@code samples/events/} and {@code samples/patterns/}, read from the module
 * directory (surefire's working directory), by name without {@code .json}.
 */
final class SampleFiles {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static final Path EVENTS = Path.of("events");
  static final Path PATTERNS = Path.of("patterns");

  /** connector-core's schemas, read where they live so that a schema change reaches the samples. */
  static final Path SCHEMAS = Path.of("..", "connector-core", "src", "main", "resources", "schema");

  private SampleFiles() {}

  static Map<String, JsonNode> events() {
    return readAll(EVENTS);
  }

  static Map<String, JsonNode> patterns() {
    return readAll(PATTERNS);
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  private static Map<String, JsonNode> readAll(Path dir) {
    Map<String, JsonNode> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> p.getFileName().toString().endsWith(".json"))
          .forEach(
              p -> files.put(p.getFileName().toString().replaceFirst("\\.json$", ""), read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir.toAbsolutePath(), e);
    }
    return files;
  }
}

package dev.errorbridge.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every sample event of the repository as a full event: samples/events (envelopes), the JSON
 * examples in docs/event-schema.md and connector-core's expected mapper outputs (details, put in an
 * envelope with the detail type their outcome gives), and the hostile variants of
 * src/test/resources/registry/hostile-events.json.
 */
final class ContractEvents {
  static final Path DOCS = Path.of("..", "docs", "event-schema.md");
  static final Path EXPECTED_DETAILS =
      Path.of("..", "connector-core", "src", "test", "resources", "expected");

  private static final Pattern JSON_BLOCK =
      Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Map<String, String> DETAIL_TYPE_BY_OUTCOME =
      Map.of(
          "FAILED", "Workflow Execution Failed",
          "STOPPED", "Workflow Execution Stopped",
          "PARTIAL", "Workflow Execution Partially Failed");

  /** A named event and whether the contract accepts it, when known. */
  record NamedEvent(String name, JsonNode event, Boolean valid) {
    String detailType() {
      return event.get("detail-type").textValue();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private ContractEvents() {}

  /** The repository's sample events, all meant to be valid. */
  static Stream<NamedEvent> samples() {
    Map<String, JsonNode> all = new LinkedHashMap<>();
    SampleFiles.events().forEach((name, event) -> all.put("samples/events/" + name, event));
    Matcher blocks = JSON_BLOCK.matcher(read(DOCS));
    int index = 0;
    while (blocks.find()) {
      index++;
      JsonNode event = docsBlockAsEvent(blocks.group(1));
      if (event != null) {
        all.put("docs/event-schema.md json block " + index, event);
      }
    }
    try (Stream<Path> files = Files.list(EXPECTED_DETAILS)) {
      files
          .filter(p -> p.getFileName().toString().endsWith("-detail.json"))
          .sorted()
          .forEach(
              p -> all.put("connector-core expected/" + p.getFileName(), asEvent(readJson(p))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.entrySet().stream().map(e -> new NamedEvent(e.getKey(), e.getValue(), true));
  }

  /** The hostile variants (and a few valid edge cases) of the fixture file. */
  static Stream<NamedEvent> variants() {
    JsonNode fixtures =
        readJson(Path.of("src", "test", "resources", "registry", "hostile-events.json"));
    Map<String, JsonNode> events = SampleFiles.events();
    return Stream.iterate(0, i -> i < fixtures.size(), i -> i + 1)
        .map(fixtures::get)
        .map(
            fixture -> {
              ObjectNode event = events.get(fixture.get("base").textValue()).deepCopy();
              for (JsonNode pointer : fixture.path("remove")) {
                remove(event, pointer.textValue());
              }
              for (Iterator<Map.Entry<String, JsonNode>> it = fixture.path("set").fields();
                  it.hasNext(); ) {
                Map.Entry<String, JsonNode> set = it.next();
                set(event, set.getKey(), set.getValue());
              }
              return new NamedEvent(
                  fixture.get("name").textValue(), event, fixture.path("valid").asBoolean(false));
            });
  }

  /**
   * A docs example as an event: a whole event, a detail, or a fragment of detail members (which the
   * docs show without braces), applied to the runflow sample; {@code null} for patterns and
   * schemas.
   */
  private static JsonNode docsBlockAsEvent(String block) {
    String trimmed = block.strip();
    if (trimmed.startsWith("{")) {
      return asEvent(parse(trimmed));
    }
    ObjectNode event = SampleFiles.events().get("runflow-failed").deepCopy();
    ((ObjectNode) event.get("detail")).setAll((ObjectNode) parse("{" + trimmed + "}"));
    return event;
  }

  private static JsonNode asEvent(JsonNode block) {
    if (block.has("detail-type") && block.has("detail")) {
      return block;
    }
    if (!block.has("schemaVersion") || block.has("$schema")) {
      return null;
    }
    String detailType =
        block.has("test")
            ? "Errorbridge Connection Test"
            : DETAIL_TYPE_BY_OUTCOME.get(block.path("outcome").asText());
    ObjectNode envelope = SampleFiles.JSON.createObjectNode();
    envelope.put("version", "0");
    envelope.put("id", "6f7c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
    envelope.put("detail-type", detailType);
    envelope.put("source", "errorbridge." + block.path("platform").asText());
    envelope.put("account", "123456789012");
    envelope.put("time", "2026-11-23T10:15:30Z");
    envelope.put("region", "eu-west-1");
    envelope.putArray("resources");
    envelope.set("detail", block);
    return envelope;
  }

  private static void remove(ObjectNode event, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = event.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.remove(last);
    } else if (!(parent instanceof ObjectNode)) {
      throw new AssertionError("cannot remove " + pointer);
    }
  }

  private static void set(ObjectNode event, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = event.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    } else {
      throw new AssertionError("no parent for " + pointer + " in the base event");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  private static JsonNode readJson(Path file) {
    return parse(read(file));
  }

  private static JsonNode parse(String text) {
    try {
      return SampleFiles.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.errorbridge.connector.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile request bodies for property tests: JSON shaped like what a route expects
 * (its member names, every kind of value in every place), the same JSON broken in the ways issue 14
 * found (content after the value, a member twice, a byte order mark, UTF-16 and UTF-32,
 * truncation), and arbitrary bytes.
 */
public final class JsonArbitraries {
  private JsonArbitraries() {}

  /** Any JSON value up to {@code depth} levels, objects drawing member names from {@code names}. */
  public static Arbitrary<String> value(int depth, List<String> names) {
    Arbitrary<String> leaf =
        Arbitraries.frequencyOf(
            Tuple.of(4, strings()),
            Tuple.of(2, numbers()),
            Tuple.of(1, Arbitraries.of("true", "false", "null")));
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<String> child = Arbitraries.lazy(() -> value(depth - 1, names));
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf), Tuple.of(1, array(child)), Tuple.of(3, object(names, child)));
  }

  /**
   * An object whose members are named from {@code shape}'s keys, each value either shaped by the
   * key's own generator or anything at all (a section of the wrong type).
   */
  public static Arbitrary<String> shapedObject(Map<String, Arbitrary<String>> shape) {
    List<Arbitrary<String>> members = new ArrayList<>();
    shape.forEach(
        (name, values) ->
            members.add(
                Arbitraries.frequencyOf(
                        Tuple.of(4, values),
                        Tuple.of(1, value(1, List.copyOf(shape.keySet()))),
                        Tuple.of(3, Arbitraries.just("")))
                    .map(v -> v.isEmpty() ? "" : quote(name) + ":" + v)));
    members.add(
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("")),
            Tuple.of(1, Combinators.combine(strings(), numbers()).as((k, v) -> k + ":" + v))));
    return Combinators.combine(members)
        .as(all -> "{" + String.join(",", all.stream().filter(m -> !m.isEmpty()).toList()) + "}");
  }

  /**
   * Bodies around valid JSON text from {@code json}: as is (UTF-8), broken the ways issue 14 found,
   * re-encoded, or replaced by arbitrary bytes; plus {@code seeds}, always among the first tries.
   */
  public static Arbitrary<byte[]> bodies(Arbitrary<String> json, List<byte[]> seeds) {
    Arbitrary<byte[]> mutated =
        Combinators.combine(json, mutations()).as((text, mutation) -> mutation.apply(text));
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of(seeds)),
        Tuple.of(6, json.map(JsonArbitraries::utf8)),
        Tuple.of(3, mutated),
        Tuple.of(1, raw));
  }

  /** The ways issue 14 broke bodies. */
  public static Arbitrary<Function<String, byte[]>> mutations() {
    return Arbitraries.of(
        List.of(
            text -> utf8(text + " garbage"),
            text -> utf8(text + "{}"),
            text -> utf8(text + text),
            text -> utf8(duplicateFirstMember(text)),
            text -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(text)),
            text -> text.getBytes(StandardCharsets.UTF_16),
            text -> text.getBytes(StandardCharsets.UTF_16LE),
            text -> text.getBytes(StandardCharsets.UTF_16BE),
            text -> text.getBytes(Charset.forName("UTF-32")),
            text -> text.getBytes(StandardCharsets.ISO_8859_1),
            text -> utf8(text.substring(0, text.length() / 2)),
            text -> utf8("[".repeat(200) + text + "]".repeat(200))));
  }

  /** JSON string literals: names, unicode, escapes, control characters, long ones. */
  public static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().alpha().numeric().withChars("_-.:/").ofMaxLength(30),
            Arbitraries.of(
                "",
                "runflow",
                "dify",
                "alloy",
                "webhook",
                "us-east-1",
                "aws-global",
                "https://0177.0.0.1/",
                "https://[64:ff9b::a9fe:a9fe]/",
                "ACCESS_KEYS",
                "FAILED",
                "run.failed",
                "\u0000",
                "\uFEFF"),
            Arbitraries.strings().ofLength(5000))
        .map(JsonArbitraries::quote);
  }

  /** JSON numbers, including ones no int or long holds. */
  public static Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "1e400"),
        Arbitraries.of("2.47e38", "-0", "1e-400", "123456789012345678901234567890", "0.5"));
  }

  private static Arbitrary<String> array(Arbitrary<String> child) {
    return child.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
  }

  private static Arbitrary<String> object(List<String> names, Arbitrary<String> child) {
    Arbitrary<String> name =
        Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.strings().ofMaxLength(8));
    return Combinators.combine(name, child)
        .as((k, v) -> quote(k) + ":" + v)
        .list()
        .ofMaxSize(5)
        .map(members -> "{" + String.join(",", members) + "}");
  }

  private static String duplicateFirstMember(String text) {
    if (!text.startsWith("{\"")) {
      return text;
    }
    int end = text.indexOf("\":");
    return end < 0 ? text : "{" + text.substring(1, end + 2) + "1," + text.substring(1);
  }

  public static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }
}

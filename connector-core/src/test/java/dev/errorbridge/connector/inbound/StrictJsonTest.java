package dev.errorbridge.connector.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reader of inbound JSON: what it refuses, naming where and the fix. */
class StrictJsonTest {
  private final StrictJson json = StrictJson.standard();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void refused(ThrowingCallable read, String field, String... problem) {
    assertThatThrownBy(read)
        .isInstanceOfSatisfying(
            JsonBodyInvalidException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problem);
            });
  }

  @Test
  void read_whenOneValue_readsIt() {
    assertThat(json.read(utf8(" {\"a\": [1, \"caf\u00e9\"]}\n")).at("/a/1").asText())
        .isEqualTo("caf\u00e9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} garbage", "{}{}", "{} 1", "[1] ]", "{}\n\"x\"", "1 2"})
  void read_whenAnythingFollowsTheValue_refusesNamingTheBody(String text) {
    refused(() -> json.read(utf8(text)), "body", "more after the value", "(line ");
  }

  @Test
  void read_whenAMemberRepeats_namesItsPath() {
    refused(
        () -> json.read(utf8("{\"source\":{\"platform\":\"runflow\",\"platform\":\"dify\"}}")),
        "source.platform",
        "appears twice",
        "send each member once");
  }

  @Test
  void read_whenAnOddNameRepeats_quotesIt() {
    refused(() -> json.read(utf8("{\"\":1,\"\":2}")), "\"\"", "appears twice");
  }

  @Test
  void read_whenUtf8ByteOrderMark_refusesNamingIt() {
    byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    refused(() -> json.read(body), "body", "UTF-8 byte order mark", "RFC 8259");
  }

  @Test
  void read_whenUtf16OrUtf32_refusesNamingIt() {
    refused(() -> json.read("{}".getBytes(StandardCharsets.UTF_16)), "body", "UTF-16");
    refused(() -> json.read("{}".getBytes(StandardCharsets.UTF_16LE)), "body", "UTF-16");
    refused(() -> json.read("{}".getBytes(StandardCharsets.UTF_16BE)), "body", "UTF-16");
    refused(() -> json.read("{}".getBytes(Charset.forName("UTF-32"))), "body", "UTF-32");
    refused(
        () -> json.read(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, '{', 0, 0, 0}),
        "body",
        "UTF-32");
  }

  @Test
  void read_whenNotUtf8_refuses() {
    refused(
        () -> json.read("{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)),
        "body",
        "not valid UTF-8");
    refused(
        () -> json.read(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}),
        "body",
        "UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t "})
  void read_whenEmpty_refuses(String text) {
    refused(() -> json.read(utf8(text)), "body", "must not be empty");
  }

  @Test
  void read_whenDeeperThanTheLimit_refusesBeforeRecursing() {
    refused(
        () -> StrictJson.withMaxDepth(3).read(utf8("[[[[1]]]]")), "body", "deeper than 3 levels");
    refused(() -> json.read(utf8("[".repeat(100_000))), "body", "deeper than 64 levels");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'a':1}", "{a:1}", "[1,]", "NaN", "{\"a\":1", "// x\n{}"})
  void read_whenNotJson_refusesWithTheLocation(String text) {
    refused(() -> json.read(utf8(text)), "body", "not valid JSON", "line 1");
  }

  @Test
  void readObject_whenAnotherValue_namesItsType() {
    refused(() -> json.readObject(utf8("[]")), "body", "must be a JSON object", "not an array");
    refused(() -> json.readObject(utf8("\"x\"")), "body", "not a string");
  }

  @Test
  void problem_neverQuotesAValueFromTheBody() {
    assertThatThrownBy(() -> json.read(utf8("{\"a\":\"SECRET-CANARY\"} SECRET-CANARY")))
        .hasMessageNotContaining("SECRET-CANARY");
  }
}

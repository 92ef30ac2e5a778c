package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

  @ParameterizedTest
  @ValueSource(
      strings = {"", "ascii", "é", "€", "错误", "\uD83D\uDE00", "a\uD83D\uDE00b€é", "\u07FF\u0800"})
  void length_whenWellFormed_equalsTheEncodedLength(String s) {
    assertThat(Utf8.length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    assertThat(Utf8.lengthIfWellFormed(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD83D", "x\uDE00", "\uDE00\uD83D", "a\uD83Db"})
  void length_whenUnpairedSurrogate_countsU_FFFD(String s) {
    assertThat(Utf8.lengthIfWellFormed(s)).isEqualTo(-1);
    String replaced = Utf8.replaceUnpairedSurrogates(s);
    assertThat(replaced).doesNotContain("\uD83D", "\uDE00").contains("\uFFFD");
    assertThat(Utf8.length(s)).isEqualTo(replaced.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void replaceUnpairedSurrogates_whenNone_returnsTheSameInstance() {
    String s = "fine \uD83D\uDE00";
    assertThat(Utf8.replaceUnpairedSurrogates(s)).isSameAs(s);
  }

  @Test
  void truncate_whenCapFallsInsideASurrogatePair_cutsBeforeIt() {
    // "ab" (2) + emoji (4) = 6 bytes; a cap of 14 + 5 leaves 5 bytes, not enough for the emoji.
    assertThat(Utf8.truncate("ab\uD83D\uDE00cd", 19)).isEqualTo("ab…[truncated]");
    assertThat(Utf8.truncate("ab\uD83D\uDE00cd", 20)).isEqualTo("ab\uD83D\uDE00…[truncated]");
  }

  @Test
  void truncate_whenCapFallsInsideAMultiByteChar_cutsBeforeIt() {
    assertThat(Utf8.truncate("错错错", 14 + 5)).isEqualTo("错…[truncated]");
    assertThat(Utf8.truncate("ééé", 14 + 3)).isEqualTo("é…[truncated]");
  }

  @Test
  void truncate_always_fitsTheCap() {
    String text = "a€\uD83D\uDE00错é".repeat(1000);
    for (int cap = 14; cap < 200; cap++) {
      String cut = Utf8.truncate(text, cap);
      assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(cap);
      assertThat(Utf8.lengthIfWellFormed(cut)).isNotNegative();
    }
  }

  @Test
  void truncate_whenCapBelowTheMarker_refuses() {
    assertThatThrownBy(() -> Utf8.truncate("abc", 13)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void marker_bytes_matchTheConstant() {
    assertThat(Utf8.TRUNCATION_MARKER.getBytes(StandardCharsets.UTF_8))
        .hasSize(Utf8.TRUNCATION_MARKER_BYTES);
  }

  @Test
  void lengthIfWellFormed_whenCharArrayOfMixedText_matchesTheEncodedLength() {
    // Random ASCII runs with non-ASCII, pairs and unpaired surrogates sprinkled in, so that every
    // case (pair across a 64-char block boundary, unpaired surrogate at a block end) occurs.
    String[] pieces = {"a", "b", "é", "€", "错", "\uD83D\uDE00", "\uD800", "\uDC00"};
    Random random = new Random(7);
    for (int round = 0; round < 5_000; round++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(300);
      for (int i = 0; i < n; i++) {
        sb.append(random.nextInt(10) < 8 ? "x" : pieces[random.nextInt(pieces.length)]);
      }
      String s = sb.toString();
      char[] chars = (s + "tail-never-counted").toCharArray();

      long expected =
          s.equals(Utf8.replaceUnpairedSurrogates(s))
              ? s.getBytes(StandardCharsets.UTF_8).length
              : -1;
      assertThat(Utf8.lengthIfWellFormed(chars, s.length()))
          .as("round %d", round)
          .isEqualTo(expected);
      assertThat(Utf8.lengthIfWellFormed(s)).isEqualTo(expected);
    }
  }
}

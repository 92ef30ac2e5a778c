package dev.errorbridge.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFormatTest {
  @Test
  void resolve_whenAuto_isTextOnATerminalAndJsonOtherwise() {
    assertThat(LogFormat.AUTO.resolve(true)).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.AUTO.resolve(false)).isEqualTo(LogFormat.JSON);
  }

  @Test
  void resolve_whenChosen_keepsTheChoiceWhateverStandardOutputIs() {
    assertThat(LogFormat.JSON.resolve(true)).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.TEXT.resolve(false)).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void parse_whenUnknown_namesTheAcceptedValues() {
    assertThat(LogFormat.parse(" Text ")).isEqualTo(LogFormat.TEXT);
    assertThatThrownBy(() -> LogFormat.parse("yaml"))
        .hasMessage("ERRORBRIDGE_LOG_FORMAT must be auto, json or text, was 'yaml'");
  }
}

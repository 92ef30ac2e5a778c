package dev.errorbridge.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardOutputTest {
  @TempDir Path dir;

  @Test
  void isTerminal_whenTheDescriptorNamesATerminal_isTrue() throws Exception {
    assertThat(
            StandardOutput.isTerminal(
                Files.createSymbolicLink(dir.resolve("1"), Path.of("/dev/pts/3"))))
        .hasValue(true);
    assertThat(
            StandardOutput.isTerminal(
                Files.createSymbolicLink(dir.resolve("2"), Path.of("/dev/tty1"))))
        .hasValue(true);
  }

  @Test
  void isTerminal_whenTheDescriptorIsAPipeOrAFile_isFalse() throws Exception {
    assertThat(
            StandardOutput.isTerminal(
                Files.createSymbolicLink(dir.resolve("1"), Path.of("pipe:[4242]"))))
        .hasValue(false);
    assertThat(
            StandardOutput.isTerminal(
                Files.createSymbolicLink(dir.resolve("2"), dir.resolve("server.log"))))
        .hasValue(false);
  }

  @Test
  void isTerminal_whenTheDescriptorCannotBeRead_isUnknown() {
    assertThat(StandardOutput.isTerminal(dir.resolve("no-such-descriptor"))).isEmpty();
  }

  @Test
  void isTerminal_whenStandardOutputIsCapturedByTheTestRunner_isFalse() {
    assertThat(StandardOutput.isTerminal()).isFalse();
  }
}

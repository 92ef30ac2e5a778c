package dev.errorbridge.server.logging;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether this process's standard output is a terminal. */
final class StandardOutput {
  private static final Path LINUX_STDOUT = Path.of("/proc/self/fd/1");

  private StandardOutput() {}

  /** Standard output's own file descriptor on Linux, else the JVM's console. */
  static boolean isTerminal() {
    return isTerminal(LINUX_STDOUT).orElseGet(StandardOutput::consoleIsTerminal);
  }

  /**
   * Whether {@code descriptor} (a {@code /proc} link) names a terminal device; empty when it cannot
   * be read (not Linux).
   */
  static Optional<Boolean> isTerminal(Path descriptor) {
    try {
      String target = Files.readSymbolicLink(descriptor).toString();
      return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * Before Java 22 {@link System#console()} exists only when standard input and output are both a
   * terminal; from Java 22 on it always exists and {@code isTerminal()} tells.
   */
  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 17-21: a console exists only on a terminal
    }
  }
}

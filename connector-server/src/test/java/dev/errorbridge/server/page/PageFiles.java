package dev.errorbridge.server.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The settings page's source files, as committed (the tests run in the module's folder). */
final class PageFiles {
  static final Path FOLDER = Path.of("src", "main", "resources", "page");

  private PageFiles() {}

  /** File name to content, for the files ending in {@code suffix}. */
  static Map<String, String> read(String suffix) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(FOLDER)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(suffix)).toList()) {
        files.put(path.getFileName().toString(), Files.readString(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}

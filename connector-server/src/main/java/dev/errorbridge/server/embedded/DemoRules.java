package dev.errorbridge.server.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The event patterns the demo bus's rules use: every {@code *.json} under {@value #DIRECTORY} on
 * the classpath (the build copies the customer samples' {@code samples/patterns} there), each
 * becoming one rule named after its file. Without any, one rule matching every Errorbridge event.
 */
public final class DemoRules {
  static final String DIRECTORY = "demo-rules";

  /** The rule used when no pattern files are packaged. */
  public static final Map<String, String> FALLBACK =
      Map.of("errorbridge-all", "{\"source\":[{\"prefix\":\"errorbridge.\"}]}");

  private DemoRules() {}

  /** Rule name to event pattern, sorted by name. */
  public static Map<String, String> load() {
    URL url = DemoRules.class.getClassLoader().getResource(DIRECTORY);
    if (url == null) {
      return FALLBACK;
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        return readJar(uri);
      }
      return read(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo rules in " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unreadable resource location " + url, e);
    }
  }

  private static Map<String, String> readJar(URI uri) throws IOException {
    FileSystem jar;
    boolean owned;
    try {
      jar = FileSystems.newFileSystem(uri, Map.of());
      owned = true;
    } catch (FileSystemAlreadyExistsException e) {
      jar = FileSystems.getFileSystem(uri); // opened elsewhere: not ours to close
      owned = false;
    }
    try {
      return read(jar.provider().getPath(uri));
    } finally {
      if (owned) {
        jar.close();
      }
    }
  }

  private static Map<String, String> read(Path directory) throws IOException {
    Map<String, String> rules = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
          rules.put(
              name.substring(0, name.length() - ".json".length()),
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return rules.isEmpty() ? FALLBACK : rules;
  }
}

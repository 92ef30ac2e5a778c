package dev.errorbridge.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A stand-in for {@code connector-lambda.jar} under {@code target/}, so the app synthesises before
 * (or without) the real artifact. It is a valid, tiny jar: deploying it would give functions that
 * fail with ClassNotFoundException, never run anything.
 */
final class PlaceholderArtifact {

  static final Path PATH = Path.of("target", "placeholder", "connector-lambda.jar");

  private PlaceholderArtifact() {}

  /** Writes the placeholder (the same bytes every time, so the asset hash is stable). */
  static synchronized Path create() {
    try {
      Files.createDirectories(PATH.getParent());
      try (OutputStream file = Files.newOutputStream(PATH);
          ZipOutputStream jar = new ZipOutputStream(file)) {
        ZipEntry entry = new ZipEntry("PLACEHOLDER.txt");
        entry.setTime(0);
        jar.putNextEntry(entry);
        jar.write(
            "Not the connector-lambda artifact: build connector-lambda before deploying.\n"
                .getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
      return PATH;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + PATH.toAbsolutePath(), e);
    }
  }
}

package dev.errorbridge.server.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The embedded defaults' state on disk ({@code ./data} unless configured): DynamoDB Local's tables
 * under {@code dynamodb/}, sqlite4java's native library under {@code native/}, and small secret
 * files (the KMS key record, the operator token) readable by the owner only.
 */
public final class DataDirectory {
  private final Path root;

  private DataDirectory(Path root) {
    this.root = root;
  }

  /**
   * Opens (creating if needed) the data directory.
   *
   * @throws UncheckedIOException if it cannot be created
   */
  public static DataDirectory open(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + absolute + "; set ERRORBRIDGE_DATA_DIR", e);
    }
    return new DataDirectory(absolute);
  }

  public Path root() {
    return root;
  }

  /** A subdirectory, created if needed. */
  public Path directory(String name) {
    Path directory = root.resolve(name);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
    return directory;
  }

  /** A small text file's content, or empty when it does not exist. */
  public Optional<String> read(String name) {
    Path file = root.resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Writes a secret file once, owner-readable only (where the file system supports POSIX
   * permissions).
   *
   * @return whether this call created it (false: it existed already and was left alone)
   */
  public boolean writeSecretOnce(String name, String content) {
    Path file = root.resolve(name);
    try {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    try {
      restrictToOwner(file);
      Files.writeString(
          file, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the directory's own permissions protect it.
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}

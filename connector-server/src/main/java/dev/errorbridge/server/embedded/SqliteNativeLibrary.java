package dev.errorbridge.server.embedded;

import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Makes sqlite4java's native library, which DynamoDB Local stores tables with, available as a file:
 * when {@value DynamoDbLocal#LIBRARY_PATH_PROPERTY} is not set (a {@code java -jar} start), the
 * copy bundled in the DynamoDB Local jar for this OS and CPU is extracted into {@code
 * <data>/native} and the property pointed there. Under Maven, surefire sets the property and
 * nothing is extracted.
 */
final class SqliteNativeLibrary {
  private static final String BUNDLED =
      "/com/amazonaws/services/dynamodbv2/local/shared/access/sqlite/native/";

  private SqliteNativeLibrary() {}

  static void ensureAvailable(DataDirectory data) {
    String configured = System.getProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return;
    }
    String resource = BUNDLED + osDirectory() + "/" + archDirectory() + "/" + fileName();
    Path directory = data.directory("native");
    Path target = directory.resolve(fileName());
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "DynamoDB Local bundles no sqlite4java library for "
                + System.getProperty("os.name")
                + "/"
                + System.getProperty("os.arch")
                + " ("
                + resource
                + "); run the server with real AWS settings instead (see docs/server.md)");
      }
      Path temporary = Files.createTempFile(directory, "sqlite4java", ".tmp");
      Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract sqlite4java's library to " + target, e);
    }
    System.setProperty(DynamoDbLocal.LIBRARY_PATH_PROPERTY, directory.toString());
  }

  private static String osDirectory() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return "Mac";
    }
    return os.contains("win") ? "Windows" : "Linux";
  }

  private static String archDirectory() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> "x86";
    };
  }

  private static String fileName() {
    return osDirectory().equals("Windows")
        ? "sqlite4java.dll"
        : "libsqlite4java" + (osDirectory().equals("Mac") ? ".dylib" : ".so");
  }
}

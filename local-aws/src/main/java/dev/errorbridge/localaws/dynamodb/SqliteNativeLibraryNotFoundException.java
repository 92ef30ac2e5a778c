package dev.errorbridge.localaws.dynamodb;

/**
 * sqlite4java's native library, which DynamoDB Local stores its tables with, is not where the
 * system property {@value DynamoDbLocal#LIBRARY_PATH_PROPERTY} says; the message tells how to get
 * it there.
 */
public final class SqliteNativeLibraryNotFoundException extends DynamoDbLocalException {
  private static final long serialVersionUID = 1L;

  SqliteNativeLibraryNotFoundException(String message) {
    super(message);
  }

  SqliteNativeLibraryNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The exception for {@code problem}, followed by what to do about it. */
  static SqliteNativeLibraryNotFoundException because(String problem) {
    return new SqliteNativeLibraryNotFoundException(
        "DynamoDB Local needs sqlite4java's native library for "
            + System.getProperty("os.name")
            + "/"
            + System.getProperty("os.arch")
            + ", but "
            + problem
            + ". Run the tests through Maven (mvn verify; before running them from an IDE, run"
            + " mvn process-test-resources once): the maven-dependency-plugin execution"
            + " copy-sqlite4java-native copies the library into the module's target/native-libs,"
            + " and surefire sets -D"
            + DynamoDbLocal.LIBRARY_PATH_PROPERTY
            + " to that directory. Anywhere else, start the JVM with -D"
            + DynamoDbLocal.LIBRARY_PATH_PROPERTY
            + "=<directory holding "
            + System.mapLibraryName("sqlite4java-<platform>-<version>")
            + ">, e.g. local-aws/target/native-libs.");
  }
}

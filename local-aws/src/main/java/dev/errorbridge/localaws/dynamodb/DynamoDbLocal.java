package dev.errorbridge.localaws.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's own DynamoDB Local engine (the {@code com.amazonaws:DynamoDBLocal} 2.6.1 jar) running in
 * this JVM on a loopback port, for tests.
 *
 * <pre>{@code
 * try (DynamoDbLocal dynamoDb = DynamoDbLocal.builder().inMemory().build().start()) {
 *   DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDb.endpoint())...build();
 *   ...
 * }
 * }</pre>
 *
 * <p>It listens on {@code 127.0.0.1} only, never on other interfaces, and runs with telemetry
 * disabled. DynamoDB Local keeps one database per access key id and region, so clients that should
 * see the same tables use the same (fake) credentials and region.
 *
 * <p>Requirements on the using module: {@code com.amazonaws:DynamoDBLocal} is a provided-scope
 * dependency of local-aws, so the module declares it itself (test scope); and DynamoDB Local stores
 * tables with sqlite4java, whose native library must be on disk in the directory named by the
 * system property {@value #LIBRARY_PATH_PROPERTY}. Declaring {@code maven-dependency-plugin} in the
 * module's {@code <build><plugins>} runs the parent's {@code copy-sqlite4java-native} execution,
 * which copies it to {@code target/native-libs}, where the parent's surefire configuration points
 * that property. Without it, {@link #start()} fails with a {@link
 * SqliteNativeLibraryNotFoundException} saying so.
 *
 * <p>Instances are thread-safe. Each one runs once: {@link #start()} it, then {@link #close()} it.
 */
public final class DynamoDbLocal implements AutoCloseable {

  /** The system property naming the directory that holds sqlite4java's native library. */
  public static final String LIBRARY_PATH_PROPERTY = "sqlite4java.library.path";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocal.class);
  private static final String LOOPBACK = "127.0.0.1";
  private static final String SQLITE4JAVA = "sqlite4java";

  // DynamoDB Local 2.6.1 ignores sqlite4java.library.path: it loads the file these two properties
  // name, or else extracts the copy bundled in its jar into java.io.tmpdir on every JVM start.
  private static final String DDB_LIB_PATH_PROPERTY = "org.sqlite.lib.path";
  private static final String DDB_LIB_NAME_PROPERTY = "org.sqlite.lib.name";

  /** Guards process-wide DynamoDB Local state: the native library load and command-line parsing. */
  private static final Object NATIVE_LIBRARY_LOCK = new Object();

  private static boolean nativeLibraryLoaded; // guarded by NATIVE_LIBRARY_LOCK

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final int requestedPort;
  private final Path dataDirectory; // null: in memory

  private State state = State.NEW; // guarded by this
  private DynamoDBProxyServer server; // guarded by this
  private URI endpoint; // guarded by this

  private DynamoDbLocal(int requestedPort, Path dataDirectory) {
    this.requestedPort = requestedPort;
    this.dataDirectory = dataDirectory;
  }

  /** A builder for an in-memory instance on a random free port, until told otherwise. */
  public static Builder builder() {
    return Builder.DEFAULTS;
  }

  /** Starts an in-memory instance on a random free port: {@code builder().build().start()}. */
  public static DynamoDbLocal startInMemory() {
    return builder().build().start();
  }

  /**
   * Starts DynamoDB Local and returns once it accepts connections.
   *
   * @return this instance, now running
   * @throws SqliteNativeLibraryNotFoundException if {@value #LIBRARY_PATH_PROPERTY} is unset or
   *     names a directory without sqlite4java's native library
   * @throws DynamoDbLocalException if DynamoDB Local cannot start, e.g. because the port is taken
   * @throws IllegalStateException if this instance was already started or closed
   */
  public synchronized DynamoDbLocal start() {
    if (state != State.NEW) {
      throw new IllegalStateException(
          "This DynamoDB Local instance was already "
              + (state == State.RUNNING ? "started" : "closed")
              + "; build a new one");
    }
    Path nativeLibrary = locateNativeLibrary();
    long startedAt = System.nanoTime();
    loadNativeLibrary(nativeLibrary);
    DynamoDBProxyServer proxy = createServer();
    ServerConnector connector = bindToLoopback(proxy);
    try {
      proxy.start();
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new DynamoDbLocalException(
          "DynamoDB Local could not listen on "
              + LOOPBACK
              + ":"
              + requestedPort
              + (requestedPort == 0 ? "" : " (is the port taken?)")
              + ": "
              + e.getMessage(),
          e);
    }
    // DynamoDBProxyServer.start() swallows SocketExceptions (printing them to standard error), so
    // check that Jetty really listens rather than trusting a normal return.
    int port = connector.getLocalPort();
    if (port <= 0) {
      stopQuietly(proxy);
      throw new DynamoDbLocalException(
          "DynamoDB Local did not start listening on " + LOOPBACK + ":" + requestedPort);
    }
    server = proxy;
    endpoint = URI.create("http://" + LOOPBACK + ":" + port);
    state = State.RUNNING;
    LOG.info(
        "DynamoDB Local started on {} ({}) in {} ms",
        endpoint,
        dataDirectory == null ? "in memory" : "data in " + dataDirectory,
        (System.nanoTime() - startedAt) / 1_000_000);
    return this;
  }

  /**
   * The HTTP endpoint to give an SDK client's {@code endpointOverride}: {@code
   * http://127.0.0.1:<port>}.
   *
   * @throws IllegalStateException if this instance is not running
   */
  public synchronized URI endpoint() {
    requireRunning();
    return endpoint;
  }

  /**
   * The port DynamoDB Local listens on, chosen by the OS if the builder asked for port 0.
   *
   * @throws IllegalStateException if this instance is not running
   */
  public synchronized int port() {
    requireRunning();
    return endpoint.getPort();
  }

  /** Whether {@link #start()} succeeded and {@link #close()} has not been called since. */
  public synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /** Where the tables are stored, or empty for an in-memory instance. */
  public Optional<Path> dataDirectory() {
    return Optional.ofNullable(dataDirectory);
  }

  /**
   * Stops DynamoDB Local, closing its port; an in-memory instance's tables are gone. Does nothing
   * if already closed.
   *
   * @throws DynamoDbLocalException if DynamoDB Local fails to stop
   */
  @Override
  public synchronized void close() {
    State previous = state;
    state = State.CLOSED;
    if (previous != State.RUNNING) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw new DynamoDbLocalException("DynamoDB Local on " + endpoint + " did not stop", e);
    } finally {
      server = null;
    }
    LOG.info("DynamoDB Local on {} stopped", endpoint);
  }

  @Override
  public synchronized String toString() {
    return "DynamoDbLocal["
        + (state == State.RUNNING ? endpoint : state.name().toLowerCase(Locale.ROOT))
        + ", "
        + (dataDirectory == null ? "in memory" : dataDirectory)
        + "]";
  }

  /**
   * Runs an in-memory DynamoDB Local by hand until the JVM is stopped, e.g. {@code mvn -pl
   * local-aws process-test-resources exec:java -Dexec.classpathScope=test
   * -Dexec.mainClass=dev.errorbridge.localaws.dynamodb.DynamoDbLocal -Dexec.args=8000
   * -Dsqlite4java.library.path=local-aws/target/native-libs}. The test classpath is needed because
   * local-aws declares the SDK's {@code dynamodb} artifact, which DynamoDB Local needs at run time,
   * in test scope only.
   *
   * @param args optionally the port (default 8000; 0 for a random free port)
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : ServerRunner.DEFAULT_PORT;
    DynamoDbLocal dynamoDb = builder().port(port).build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(dynamoDb::close, "dynamodb-local-shutdown"));
    // Returning is enough: Jetty's non-daemon threads keep the JVM alive until it is stopped.
    LOG.info("DynamoDB Local is listening on {}; stop it with Ctrl+C", dynamoDb.endpoint());
  }

  private void requireRunning() {
    if (state != State.RUNNING) {
      throw new IllegalStateException(
          "DynamoDB Local is not running (" + state.name().toLowerCase(Locale.ROOT) + ")");
    }
  }

  private DynamoDBProxyServer createServer() {
    // DynamoDB Local's command line rejects port 0, so a random port is asked for with a valid
    // placeholder here, which bindToLoopback replaces before anything binds. (DynamoDB Local's
    // start-up banner on standard output then shows the placeholder; the endpoint() is what
    // counts.)
    String port = Integer.toString(requestedPort == 0 ? ServerRunner.DEFAULT_PORT : requestedPort);
    String[] args =
        dataDirectory == null
            ? new String[] {"-inMemory", "-port", port, "-disableTelemetry"}
            : new String[] {
              "-dbPath", dataDirectory.toString(), "-port", port, "-disableTelemetry"
            };
    // DynamoDB Local parses its command line into shared static state, so two instances starting at
    // once
    // would corrupt each other's arguments ("Index 2 out of bounds"): parse one at a time.
    try {
      synchronized (NATIVE_LIBRARY_LOCK) {
        return ServerRunner.createServerFromCommandLineArgs(args);
      }
    } catch (Exception e) {
      throw new DynamoDbLocalException(
          "DynamoDB Local rejected its arguments " + String.join(" ", args) + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Makes DynamoDB Local's Jetty listen on 127.0.0.1 at the requested port (0: one the OS picks).
   * DynamoDB Local has no option for either: it listens on every interface, and takes ports 1-65535
   * only, which for a random port would mean picking a free one first and racing other processes
   * for it. So this reaches the Jetty server inside {@link DynamoDBProxyServer} by reflection,
   * which works for the DynamoDBLocal version the parent pom pins (2.6.1).
   */
  private ServerConnector bindToLoopback(DynamoDBProxyServer proxy) {
    Server jetty;
    try {
      Field field = DynamoDBProxyServer.class.getDeclaredField("server");
      field.setAccessible(true);
      jetty = (Server) field.get(proxy);
    } catch (ReflectiveOperationException | RuntimeException e) {
      stopQuietly(proxy);
      throw new DynamoDbLocalException(
          "Cannot reach the Jetty server inside DynamoDBProxyServer (its field 'server'), needed"
              + " to listen on "
              + LOOPBACK
              + " only; this launcher was written for DynamoDBLocal 2.6.1",
          e);
    }
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector)) {
      stopQuietly(proxy);
      throw new DynamoDbLocalException(
          "Expected DynamoDB Local's Jetty server to have one ServerConnector, found "
              + List.of(connectors));
    }
    ServerConnector connector = (ServerConnector) connectors[0];
    connector.setHost(LOOPBACK);
    connector.setPort(requestedPort);
    return connector;
  }

  private static void stopQuietly(DynamoDBProxyServer proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.debug("Stopping a DynamoDB Local that failed to start also failed", e);
    }
  }

  /** The sqlite4java native library in {@value #LIBRARY_PATH_PROPERTY}, or a helpful failure. */
  static Path locateNativeLibrary() {
    String configured = System.getProperty(LIBRARY_PATH_PROPERTY);
    if (configured == null || configured.isBlank()) {
      throw SqliteNativeLibraryNotFoundException.because(
          "the system property " + LIBRARY_PATH_PROPERTY + " is not set");
    }
    Path directory = Path.of(configured).toAbsolutePath();
    if (!Files.isDirectory(directory)) {
      throw SqliteNativeLibraryNotFoundException.because(
          LIBRARY_PATH_PROPERTY + "=" + configured + " is not a directory");
    }
    // System.mapLibraryName gives this platform's file name form: libsqlite4java.so, .dylib, .dll.
    String plainName = System.mapLibraryName(SQLITE4JAVA);
    String suffix = plainName.substring(plainName.indexOf(SQLITE4JAVA) + SQLITE4JAVA.length());
    List<Path> candidates;
    try (Stream<Path> files = Files.list(directory)) {
      candidates =
          files
              .filter(Files::isRegularFile)
              .filter(
                  file -> {
                    String name = file.getFileName().toString();
                    return name.contains(SQLITE4JAVA) && name.endsWith(suffix);
                  })
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new SqliteNativeLibraryNotFoundException(
          "Cannot list " + LIBRARY_PATH_PROPERTY + "=" + directory + ": " + e.getMessage(), e);
    }
    if (candidates.isEmpty()) {
      throw SqliteNativeLibraryNotFoundException.because(
          LIBRARY_PATH_PROPERTY
              + "="
              + directory
              + " holds no sqlite4java native library (*"
              + SQLITE4JAVA
              + "*"
              + suffix
              + ")");
    }
    // Normally there is exactly one; should a directory hold several (say after a build on another
    // architecture), prefer the one named for this CPU, then the unversioned name.
    String arch = System.getProperty("os.arch");
    return candidates.stream()
        .min(
            Comparator.comparing((Path file) -> !file.getFileName().toString().contains(arch))
                .thenComparing(file -> !file.getFileName().toString().equals(plainName)))
        .orElseThrow();
  }

  /**
   * Loads {@code library} into this JVM through DynamoDB Local's own loader, once per JVM. Its
   * loader reads {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}, not {@value
   * #LIBRARY_PATH_PROPERTY}; they are set just for this load and then restored because xerial's
   * sqlite-jdbc reads the same two names for its own, different library. Loading here rather than
   * on the first request also makes a broken library fail {@link #start()}.
   */
  private static void loadNativeLibrary(Path library) {
    synchronized (NATIVE_LIBRARY_LOCK) {
      if (nativeLibraryLoaded) {
        return;
      }
      String previousPath = System.getProperty(DDB_LIB_PATH_PROPERTY);
      String previousName = System.getProperty(DDB_LIB_NAME_PROPERTY);
      System.setProperty(DDB_LIB_PATH_PROPERTY, library.getParent().toString());
      System.setProperty(DDB_LIB_NAME_PROPERTY, library.getFileName().toString());
      try {
        SQLiteLibraryLoader.initialize();
      } catch (Exception e) {
        throw new SqliteNativeLibraryNotFoundException(
            "DynamoDB Local could not load sqlite4java's native library " + library, e);
      } finally {
        restoreProperty(DDB_LIB_PATH_PROPERTY, previousPath);
        restoreProperty(DDB_LIB_NAME_PROPERTY, previousName);
      }
      nativeLibraryLoaded = true;
      LOG.debug("Loaded sqlite4java's native library {}", library);
    }
  }

  private static void restoreProperty(String name, String previous) {
    if (previous == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, previous);
    }
  }

  /**
   * An immutable description of a DynamoDB Local instance: every method returns a new builder.
   * Unless told otherwise it describes an in-memory instance on a random free port.
   */
  public static final class Builder {
    private static final Builder DEFAULTS = new Builder(0, false, false, null);

    private final int port;
    private final boolean inMemory;
    private final boolean dataDirectoryChosen;
    private final Path dataDirectory;

    private Builder(int port, boolean inMemory, boolean dataDirectoryChosen, Path dataDirectory) {
      this.port = port;
      this.inMemory = inMemory;
      this.dataDirectoryChosen = dataDirectoryChosen;
      this.dataDirectory = dataDirectory;
    }

    /** The port to listen on, 1-65535, or 0 (the default) for one the OS picks. */
    public Builder port(int port) {
      return new Builder(port, inMemory, dataDirectoryChosen, dataDirectory);
    }

    /** Keeps tables in memory only (the default): fastest, and gone when closed. */
    public Builder inMemory() {
      return new Builder(port, true, dataDirectoryChosen, dataDirectory);
    }

    /** Keeps tables in SQLite files in {@code directory}, an existing writable directory. */
    public Builder dataDirectory(Path directory) {
      return new Builder(port, inMemory, true, directory);
    }

    /**
     * The configured instance, not yet started.
     *
     * @throws DynamoDbLocalConfigException listing every problem with the configuration
     */
    public DynamoDbLocal build() {
      List<String> problems = new ArrayList<>();
      if (port < 0 || port > 65_535) {
        problems.add("port must be 0 (a random free port) or 1-65535, was " + port);
      }
      if (inMemory && dataDirectoryChosen) {
        problems.add("choose either inMemory() or dataDirectory(Path), not both");
      }
      if (dataDirectoryChosen && dataDirectory == null) {
        problems.add("dataDirectory must not be null");
      } else if (dataDirectory != null && !Files.isDirectory(dataDirectory)) {
        problems.add("dataDirectory " + dataDirectory + " does not exist or is not a directory");
      } else if (dataDirectory != null && !Files.isWritable(dataDirectory)) {
        problems.add("dataDirectory " + dataDirectory + " is not writable");
      }
      if (!problems.isEmpty()) {
        throw new DynamoDbLocalConfigException(problems);
      }
      return new DynamoDbLocal(
          port, dataDirectory == null ? null : dataDirectory.toAbsolutePath().normalize());
    }
  }
}

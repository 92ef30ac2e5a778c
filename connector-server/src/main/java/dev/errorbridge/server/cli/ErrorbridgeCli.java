package dev.errorbridge.server.cli;

import dev.errorbridge.server.config.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code errorbridge} CLI: the settings API, backfills and dead letters over HTTP. Run as
 * {@code java -jar errorbridge-server.jar cli <command>}.
 *
 * <pre>{@code
 * int exit = ErrorbridgeCli.run(new String[] {"connections", "list"}, out, err, Environment.system());
 * }</pre>
 */
@Command(
    name = "errorbridge",
    mixinStandardHelpOptions = true,
    version = "errorbridge CLI 0.1.0",
    description = "Manage an Errorbridge server: connections, backfills and dead letters.",
    subcommands = {
      ConnectionsCommand.class,
      BackfillCommand.class,
      DeadLettersCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Environment: ERRORBRIDGE_URL (default http://localhost:8080), ERRORBRIDGE_TOKEN (else"
          + " ./data/operator-token), ERRORBRIDGE_TENANT.",
      "Exit codes: 0 ok, 1 refused by the server, 2 usage, 3 server unreachable,"
          + " 4 unauthenticated, 5 not found, 6 failed (test, backfill or replay)."
    })
public final class ErrorbridgeCli implements Runnable {
  static final String DEFAULT_URL = "http://localhost:8080";

  @Option(
      names = "--url",
      description = "Server URL (default: $ERRORBRIDGE_URL or " + DEFAULT_URL + ")")
  String url;

  @Option(
      names = "--token",
      description = "Operator token (default: $ERRORBRIDGE_TOKEN or ./data/operator-token)")
  String token;

  @Option(
      names = "--tenant",
      description = "Tenant to act for (default: $ERRORBRIDGE_TENANT or the server's default)")
  String tenant;

  PrintWriter out;
  PrintWriter err;
  Environment environment;

  /** Runs with the process's streams and environment. */
  public static int run(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    return run(args, out, err, Environment.system());
  }

  /**
   * Runs one command.
   *
   * @return the exit code (see the usage footer)
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Environment environment) {
    ErrorbridgeCli cli = new ErrorbridgeCli();
    cli.out = out;
    cli.err = err;
    cli.environment = environment;
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof CliException failure) {
            err.println("error: " + failure.getMessage());
            return failure.exitCode();
          }
          err.println("error: " + e);
          return ExitCodes.REFUSED;
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "choose a command: connections, backfill or dead-letters");
  }

  /** The client for the configured server. */
  ApiClient client() {
    String base = firstSet(url, environment.get("ERRORBRIDGE_URL"), DEFAULT_URL);
    URI uri;
    try {
      uri = URI.create(base.endsWith("/") ? base : base + "/");
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "--url must be an absolute URL such as " + DEFAULT_URL + ", was " + base);
    }
    return new ApiClient(
        uri, token(), firstSet(tenant, environment.get("ERRORBRIDGE_TENANT"), null));
  }

  /** The server's base URL as given, without a trailing slash (for printing webhook URLs). */
  String baseUrl() {
    String base = firstSet(url, environment.get("ERRORBRIDGE_URL"), DEFAULT_URL);
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private String token() {
    String given = firstSet(token, environment.get("ERRORBRIDGE_TOKEN"), null);
    if (given != null) {
      return given;
    }
    String dataDir = firstSet(environment.get("ERRORBRIDGE_DATA_DIR"), null, "./data");
    Path file = Path.of(dataDir, "operator-token");
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstSet(String first, String second, String fallback) {
    if (first != null && !first.isBlank()) {
      return first;
    }
    return second != null && !second.isBlank() ? second : fallback;
  }
}

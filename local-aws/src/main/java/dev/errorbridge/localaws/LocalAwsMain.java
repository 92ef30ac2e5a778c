package dev.errorbridge.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.localaws.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs local-aws standalone, like LocalStack: {@code java -jar local-aws/target/local-aws.jar
 * --port 4566}. Prints where it listens and serves until interrupted (Ctrl-C or SIGTERM).
 */
public final class LocalAwsMain {
  static final int DEFAULT_PORT = 4566;

  static final String USAGE =
      """
      Usage: java -jar local-aws.jar [options]
        --port N                        port to listen on (default 4566; 0 = any free port)
        --host ADDRESS                  address to bind (default 127.0.0.1)
        --credentials KEY:SECRET:ACCT   register an access key for a 12-digit account (repeatable)
        --credentials-file FILE         register the keys in a JSON file:
                                        [{"accessKeyId":"..","secretAccessKey":"..","accountId":"111111111111"}]
        --no-default-credentials        do not register the default key test/test for 000000000000
        --max-entry-size BYTES          PutEvents entry size limit (default 262144; at most 1048576)
        --missing-bus POLICY            REJECT (default) or ACCEPT_SILENTLY, for PutEvents to a missing bus
        --help                          print this help
      """;

  private LocalAwsMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalAwsConfig config;
    try {
      config = parse(args);
    } catch (HelpRequested e) {
      System.out.print(USAGE);
      return;
    } catch (LocalAwsConfigException e) {
      System.err.println("local-aws: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    LocalAws localAws = LocalAws.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  localAws.close();
                  stopped.countDown();
                },
                "local-aws-shutdown"));
    printBanner(System.out, localAws);
    stopped.await();
  }

  static void printBanner(PrintStream out, LocalAws localAws) {
    out.println("local-aws listening on " + localAws.endpoint() + " (EventBridge, KMS)");
    for (AccountCredentials c : localAws.config().credentials()) {
      out.println("  access key " + c.accessKeyId() + " -> account " + c.accountId());
    }
    out.println("  control API: " + localAws.endpoint() + "/_localaws/health");
  }

  /**
   * Parses the command line into a configuration.
   *
   * @throws LocalAwsConfigException listing every problem found
   */
  static LocalAwsConfig parse(String[] args) {
    LocalAwsConfig.Builder builder = LocalAwsConfig.builder().port(DEFAULT_PORT);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if ("--help".equals(flag) || "-h".equals(flag)) {
        throw new HelpRequested();
      }
      if ("--no-default-credentials".equals(flag)) {
        builder.registerDefaultCredentials(false);
        continue;
      }
      if (i + 1 >= args.length) {
        problems.add(flag + " needs a value");
        break;
      }
      String value = args[++i];
      try {
        switch (flag) {
          case "--port" -> builder.port(integer(flag, value));
          case "--host" -> builder.host(value);
          case "--credentials" -> builder.credentials(AccountCredentials.parse(value));
          case "--credentials-file" ->
              readCredentialsFile(Path.of(value)).forEach(builder::credentials);
          case "--max-entry-size" -> builder.maxEntrySizeBytes(integer(flag, value));
          case "--missing-bus" -> builder.missingBusPolicy(missingBusPolicy(value));
          default -> problems.add("unknown option " + flag);
        }
      } catch (LocalAwsConfigException e) {
        problems.add(e.getMessage());
      }
    }
    try {
      if (problems.isEmpty()) {
        return builder.build();
      }
      builder.build();
    } catch (LocalAwsConfigException e) {
      problems.add(e.getMessage());
    }
    throw new LocalAwsConfigException(String.join("; ", problems));
  }

  static List<AccountCredentials> readCredentialsFile(Path file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new LocalAwsConfigException(
          "--credentials-file " + file + " could not be read as JSON: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new LocalAwsConfigException(
          "--credentials-file "
              + file
              + " must hold a JSON array of {accessKeyId, secretAccessKey, accountId}");
    }
    List<AccountCredentials> credentials = new ArrayList<>();
    for (JsonNode node : root) {
      credentials.add(
          new AccountCredentials(
              node.path("accessKeyId").asText(null),
              node.path("secretAccessKey").asText(null),
              node.path("accountId").asText(null)));
    }
    return credentials;
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new LocalAwsConfigException(flag + " takes a whole number; got '" + value + "'");
    }
  }

  private static MissingBusPolicy missingBusPolicy(String value) {
    try {
      return MissingBusPolicy.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new LocalAwsConfigException(
          "--missing-bus takes REJECT or ACCEPT_SILENTLY; got '" + value + "'");
    }
  }

  private static final class HelpRequested extends RuntimeException {
    HelpRequested() {
      super(null, null, false, false);
    }
  }
}

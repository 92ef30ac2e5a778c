package dev.errorbridge.server;

import dev.errorbridge.server.cli.ErrorbridgeCli;
import dev.errorbridge.server.config.Environment;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.config.ServerConfigInvalidException;
import dev.errorbridge.server.config.ServerConfigLoader;
import dev.errorbridge.server.logging.ConsoleLogEncoder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar errorbridge-server.jar [--config FILE]} runs the server until SIGTERM or Ctrl+C
 * (which shut it down gracefully); {@code java -jar errorbridge-server.jar cli …} runs the {@code
 * errorbridge} CLI instead.
 */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("cli")) {
      System.exit(ErrorbridgeCli.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    Path file = null;
    if (args.length == 2 && args[0].equals("--config")) {
      file = Path.of(args[1]);
    } else if (args.length > 0) {
      System.err.println(
          "usage: java -jar errorbridge-server.jar [--config errorbridge.properties]\n"
              + "       java -jar errorbridge-server.jar cli --help");
      System.exit(2);
    }
    ServerConfig config;
    try {
      config = new ServerConfigLoader(Environment.system()).load(file);
    } catch (ServerConfigInvalidException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ConsoleLogEncoder.use(config.logFormat());
    ConsoleLogEncoder.replica(config.replicaId());
    ErrorbridgeServer server;
    try {
      server = ErrorbridgeServer.start(config, Clock.systemUTC(), System.err);
    } catch (RuntimeException e) {
      LOG.error("errorbridge server failed to start", e);
      System.err.println("Errorbridge server failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutdown requested");
                  server.close();
                  stopped.countDown();
                },
                "errorbridge-shutdown"));
    stopped.await();
  }
}

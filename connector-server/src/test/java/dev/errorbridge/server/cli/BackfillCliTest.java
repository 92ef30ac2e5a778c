package dev.errorbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.server.config.Environment;
import dev.errorbridge.server.testing.DifyApi;
import dev.errorbridge.server.testing.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code errorbridge backfill} end to end: a Dify app's API faked on loopback (allow-listed, as an
 * operator allow-lists a private Dify), the server's poll engine reading the window, the demo bus
 * receiving the failures once.
 */
class BackfillCliTest {
  @TempDir static Path data;
  static TestServers.Running server;
  static DifyApi dify;

  @BeforeAll
  static void start() {
    dify = DifyApi.start();
    server = TestServers.start(data, Map.of("ERRORBRIDGE_ALLOWED_HOSTS", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    server.close();
    dify.close();
  }

  static CliTest.Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        ErrorbridgeCli.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Environment.of(
                Map.of(
                    "ERRORBRIDGE_URL", server.baseUri().toString(),
                    "ERRORBRIDGE_TOKEN", server.token())));
    return new CliTest.Run(exit, out.toString(), err.toString());
  }

  @Test
  void backfill_whenFailuresInTheWindow_deliversThemOnceWithProgressAndSummary() {
    var created = server.send("POST", "/connections", dify.connection("dify app"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = server.json(created).path("id").asText();

    CliTest.Run first = cli("backfill", "--connection", id, "--since", "24h");
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.out())
        .contains("Backfill summary:")
        .contains("status         COMPLETE")
        .contains("found          2")
        .contains("delivered      2");
    assertThat(first.err()).contains("100%");

    CliTest.Run again = cli("backfill", "--connection", id, "--since", "24h");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("delivered      0").contains("duplicates     2");
  }

  @Test
  void backfill_whenConnectionUnknown_exitsFive() {
    CliTest.Run run = cli("backfill", "--connection", "cn_nothing", "--since", "1h");
    assertThat(run.exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}

package dev.errorbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errorbridge.server.config.Environment;
import dev.errorbridge.server.embedded.EmbeddedDefaults;
import dev.errorbridge.server.testing.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Every CLI command against an in-process server: exit codes, standard output and errors. */
class CliTest {
  static final String SECRET = "whsec-cli-test-0123456789";

  @TempDir static Path data;
  static TestServers.Running server;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Run(int exit, String out, String err) {}

  static Run cli(String... args) {
    return cli(Map.of(), args);
  }

  static Run cli(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("ERRORBRIDGE_URL", server.baseUri().toString());
    env.put("ERRORBRIDGE_TOKEN", server.token());
    env.putAll(extraEnv);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        ErrorbridgeCli.run(
            args, new PrintWriter(out, true), new PrintWriter(err, true), Environment.of(env));
    return new Run(exit, out.toString(), err.toString());
  }

  static String createWithFlags(String name, String bus) {
    Run created =
        cli(
            "connections",
            "create",
            "--name",
            name,
            "--platform",
            "runflow",
            "--bus",
            bus,
            "--access-key-id",
            TestServers.DEMO_KEY_ID,
            "--secret-access-key",
            TestServers.DEMO_SECRET,
            "--webhook-secret",
            SECRET,
            "--enabled");
    assertThat(created.exit()).as(created.err()).isZero();
    return created.out().replaceAll("(?s).*Created connection (\\S+) .*", "$1");
  }

  @Nested
  class Connections {
    @Test
    void create_whenFlagsGiven_printsIdAndWebhookUrlWithoutSecrets() {
      Run created =
          cli(
              "connections",
              "create",
              "--name",
              "flags",
              "--platform",
              "runflow",
              "--bus",
              "errorbridge-demo",
              "--access-key-id",
              TestServers.DEMO_KEY_ID,
              "--secret-access-key",
              TestServers.DEMO_SECRET,
              "--webhook-secret",
              SECRET);
      assertThat(created.exit()).isZero();
      assertThat(created.out())
          .contains("Created connection ")
          .contains("disabled: switch it on with `errorbridge connections enable")
          .contains("Webhook URL: " + server.baseUri() + "/webhooks/")
          .doesNotContain(SECRET)
          .doesNotContain(TestServers.DEMO_SECRET);
    }

    @Test
    void create_whenTheServerKnowsItsWebhookUrl_printsThatRatherThanTheAddressUsed(
        @TempDir Path dir) throws Exception {
      Path file = dir.resolve("connection.json");
      Files.writeString(file, TestServers.runflowConnection("server-url", SECRET));
      String viaLocalhost = "http://localhost:" + server.server.port();

      Run created =
          cli(
              Map.of("ERRORBRIDGE_URL", viaLocalhost),
              "connections",
              "create",
              "--file",
              file.toString());

      // The server listens on 127.0.0.1, and says so in the connection's webhook.url.
      assertThat(created.exit()).as(created.err()).isZero();
      assertThat(created.out())
          .containsPattern("Webhook URL: " + server.baseUri() + "/webhooks/\\S+")
          .doesNotContain("Webhook URL: " + viaLocalhost);
    }

    @Test
    void create_whenFileGiven_createsFromTheJson(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("connection.json");
      Files.writeString(file, TestServers.runflowConnection("from-file", SECRET));
      Run created = cli("connections", "create", "--file", file.toString());
      assertThat(created.exit()).isZero();
      assertThat(created.out()).contains("(from-file), enabled.");
    }

    @Test
    void create_whenInvalid_exitsOneListingEveryProblem() {
      Run created =
          cli(
              "connections",
              "create",
              "--platform",
              "runflow",
              "--bus",
              "errorbridge-demo",
              "--region",
              "mars-1",
              "--access-key-id",
              "nope",
              "--secret-access-key",
              "short");
      assertThat(created.exit()).isEqualTo(ExitCodes.REFUSED);
      assertThat(created.err())
          .contains("InvalidConnection")
          .contains("destination.region")
          .contains("destination.auth.accessKeyId");
    }

    @Test
    void create_whenNeitherFileNorPlatform_exitsTwo() {
      Run created = cli("connections", "create", "--name", "x");
      assertThat(created.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(created.err()).contains("give --file connection.json, or at least --platform");
    }

    @Test
    void list_whenConnectionsExist_printsATable() {
      String id = createWithFlags("listed", "errorbridge-demo");
      Run listed = cli("connections", "list");
      assertThat(listed.exit()).isZero();
      assertThat(listed.out()).startsWith("ID").contains(id).contains("listed").contains("runflow");
    }

    @Test
    void show_whenFound_printsTheConnectionAsJson() {
      String id = createWithFlags("shown", "errorbridge-demo");
      Run shown = cli("connections", "show", id);
      assertThat(shown.exit()).isZero();
      assertThat(shown.out()).contains("\"id\" : \"" + id + "\"").contains("\"hint\"");
    }

    @Test
    void show_whenUnknown_exitsFive() {
      Run shown = cli("connections", "show", "cn_doesnotexist");
      assertThat(shown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(shown.err()).contains("not found");
    }

    @Test
    void disableAndEnable_whenToggled_sayTheNewState() {
      String id = createWithFlags("toggled", "errorbridge-demo");
      Run off = cli("connections", "disable", id);
      assertThat(off.exit()).isZero();
      assertThat(off.out()).contains("is disabled (health PAUSED)");
      Run on = cli("connections", "enable", id);
      assertThat(on.exit()).isZero();
      assertThat(on.out()).contains("is enabled (health ACTIVE)");
    }

    @Test
    void test_whenBusExists_passes() {
      String id = createWithFlags("tested", "errorbridge-demo");
      Run tested = cli("connections", "test", id);
      assertThat(tested.exit()).as(tested.out()).isZero();
      assertThat(tested.out()).contains("Connection test passed.");
    }

    @Test
    void test_whenBusMissing_exitsSixWithTheFix() {
      String id = createWithFlags("no-bus", "no-such-bus");
      Run tested = cli("connections", "test", id);
      assertThat(tested.exit()).isEqualTo(ExitCodes.FAILED);
      assertThat(tested.out()).contains("Connection test FAILED.").contains("fix:");
    }

    @Test
    void delete_whenFound_deletesIt() {
      String id = createWithFlags("deleted", "errorbridge-demo");
      assertThat(cli("connections", "delete", id).out()).contains("Deleted connection " + id);
      assertThat(cli("connections", "show", id).exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }
  }

  @Nested
  class DeadLetters {
    @Test
    void listAndReplay_whenTheBusAppearsLater_replayDeliversThem() {
      String bus = "late-" + UUID.randomUUID().toString().substring(0, 8);
      String id = createWithFlags("dead-letters", bus);
      assertThat(server.runflowWebhook(id, TestServers.runflowFailed("run-dl-1"), SECRET).body())
          .contains("dead-lettered");
      Run listed = cli("dead-letters", "list", "--connection", id);
      assertThat(listed.exit()).isZero();
      assertThat(listed.out()).contains("1 dead letter(s)").contains("ResourceNotFoundException");

      Run failed = cli("dead-letters", "replay", "--connection", id);
      assertThat(failed.exit()).isEqualTo(ExitCodes.FAILED);
      assertThat(failed.out()).contains("Replay summary:").contains("failed         1");

      try (EventBridgeClient events =
          EventBridgeClient.builder()
              .endpointOverride(server.embeddedAws())
              .region(EmbeddedDefaults.REGION)
              .credentialsProvider(EmbeddedDefaults.credentials())
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        events.createEventBus(b -> b.name(bus));
      }
      Run replayed = cli("dead-letters", "replay", "--connection", id);
      assertThat(replayed.exit()).as(replayed.out() + replayed.err()).isZero();
      assertThat(replayed.out()).contains("delivered      1");
      assertThat(replayed.err()).contains("100%  1/1");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> cli("dead-letters", "list", "--connection", id).out().contains("0 dead"));
    }

    @Test
    void replay_whenUnknownConnection_exitsFive() {
      Run replayed = cli("dead-letters", "replay", "--connection", "cn_unknown");
      assertThat(replayed.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }
  }

  @Nested
  class Errors {
    @Test
    void anyCommand_whenServerUnreachable_exitsThreeSayingHowToStartIt() {
      Run run = cli(Map.of("ERRORBRIDGE_URL", "http://127.0.0.1:1"), "connections", "list");
      assertThat(run.exit()).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(run.err())
          .contains("cannot reach http://127.0.0.1:1/: is the server running?")
          .contains("java -jar connector-server/target/errorbridge-server.jar");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void anyCommand_whenTokenWrong_exitsFourSayingWhereTheTokenIs() {
      Run run = cli(Map.of("ERRORBRIDGE_TOKEN", "wrong"), "connections", "list");
      assertThat(run.exit()).isEqualTo(ExitCodes.UNAUTHENTICATED);
      assertThat(run.err()).contains("Unauthenticated").contains("operator-token");
    }

    @Test
    void unknownCommand_exitsTwo() {
      Run run = cli("connections", "frobnicate");
      assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void backfill_whenSinceMalformed_exitsTwo() {
      Run run = cli("backfill", "--connection", "cn_x", "--since", "yesterday");
      assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).contains("--since must look like 90m, 24h, 7d or PT24H");
    }

    @Test
    void help_whenAsked_listsTheCommandsAndExitCodes() {
      Run run = cli("--help");
      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("connections")
          .contains("backfill")
          .contains("dead-letters")
          .contains("Exit codes");
    }
  }
}

package dev.errorbridge.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.server.logging.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigLoaderTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  ServerConfig load(Map<String, String> env, Path file) {
    return new ServerConfigLoader(Environment.of(env)).load(file);
  }

  @Test
  void load_whenNothingConfigured_runsOnEmbeddedDefaultsOnLoopback() {
    ServerConfig config = load(Map.of("ERRORBRIDGE_CONFIG", ""), null);
    assertThat(config.embedded()).isTrue();
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.dataDirectory()).isEqualTo(Path.of("./data"));
    assertThat(config.embeddedAwsPort()).isEqualTo(4566);
    assertThat(config.operatorToken()).isNull();
    assertThat(config.defaultTenant()).isEqualTo("default");
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void load_whenReplicaSettingsUnset_defaultsToHostAndPidAndLeasesFromTheInterval() {
    ServerConfig config =
        load(Map.of("HOSTNAME", "Pod 7.Example", "ERRORBRIDGE_POLL_INTERVAL", "PT2M"), null);

    assertThat(config.replicaId())
        .isEqualTo("pod-7.example-" + ProcessHandle.current().pid())
        .matches(ReplicaIds.PATTERN);
    assertThat(config.pollLease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.operationLease()).isEqualTo(Duration.ofMinutes(1));
    assertThat(load(Map.of(), null).pollLease()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void load_whenReplicaSettingsGiven_usesThem() {
    ServerConfig config =
        load(
            Map.of(
                "ERRORBRIDGE_REPLICA_ID", "errorbridge-2",
                "ERRORBRIDGE_POLL_LEASE", "PT20S",
                "ERRORBRIDGE_OPERATION_LEASE", "PT5S"),
            null);

    assertThat(config.replicaId()).isEqualTo("errorbridge-2");
    assertThat(config.pollLease()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.operationLease()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.toString()).contains("replicaId=errorbridge-2");
  }

  @Test
  void load_whenReplicaSettingsInvalid_namesEachWithItsFix() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "ERRORBRIDGE_REPLICA_ID", "no spaces/slashes",
                        "ERRORBRIDGE_POLL_LEASE", "PT10S",
                        "ERRORBRIDGE_OPERATION_LEASE", "PT1S"),
                    null))
        .isInstanceOf(ServerConfigInvalidException.class)
        .hasMessageContaining("ERRORBRIDGE_REPLICA_ID must be 1-128 of letters")
        .hasMessageContaining("ERRORBRIDGE_POLL_LEASE must be at least PT20S")
        .hasMessageContaining("ERRORBRIDGE_OPERATION_LEASE must be at least PT3S");
  }

  @Test
  void load_whenTableAndKeySet_runsOnRealAwsOnEveryInterface() {
    ServerConfig config =
        load(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "ERRORBRIDGE_TABLE", "errorbridge",
                "ERRORBRIDGE_KMS_KEY", "alias/errorbridge",
                "ERRORBRIDGE_OPERATOR_TOKEN", TOKEN),
            null);
    assertThat(config.embedded()).isFalse();
    assertThat(config.aws().region().id()).isEqualTo("eu-west-1");
    assertThat(config.aws().kmsKeyId()).isEqualTo("alias/errorbridge");
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.toString()).doesNotContain(TOKEN);
  }

  @Test
  void load_whenRealAwsIncomplete_reportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "ERRORBRIDGE_TABLE", "errorbridge",
                        "ERRORBRIDGE_PORT", "99999",
                        "ERRORBRIDGE_SHUTDOWN_TIMEOUT", "soon"),
                    null))
        .isInstanceOf(ServerConfigInvalidException.class)
        .hasMessageContaining("ERRORBRIDGE_PORT must be a port from 0 to 65535")
        .hasMessageContaining("ERRORBRIDGE_SHUTDOWN_TIMEOUT must be a positive ISO-8601 duration")
        .hasMessageContaining("AWS_REGION is required")
        .hasMessageContaining("ERRORBRIDGE_KMS_KEY is required")
        .hasMessageContaining("ERRORBRIDGE_OPERATOR_TOKEN is required with real AWS");
  }

  @Test
  void load_whenPublicUrlSet_keepsItAsTheWebhookBase() {
    ServerConfig config =
        load(Map.of("ERRORBRIDGE_PUBLIC_URL", "https://errorbridge.example.com/ops"), null);

    assertThat(config.publicUrl().forConnection("cn_1").toString())
        .isEqualTo("https://errorbridge.example.com/ops/webhooks/cn_1");
    assertThat(load(Map.of(), null).publicUrl()).isNull();
  }

  @Test
  void load_whenPublicUrlUnsafe_namesItAmongEveryProblem() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "ERRORBRIDGE_PUBLIC_URL", "http://errorbridge.example.com/#x",
                        "ERRORBRIDGE_PORT", "-1"),
                    null))
        .isInstanceOf(ServerConfigInvalidException.class)
        .hasMessageContaining("ERRORBRIDGE_PUBLIC_URL must use https")
        .hasMessageContaining("ERRORBRIDGE_PUBLIC_URL must not have a fragment")
        .hasMessageContaining("ERRORBRIDGE_PORT must be a port");
  }

  @Test
  void load_whenFileAndEnvironmentDisagree_environmentWins() throws Exception {
    Path file = dir.resolve("errorbridge.properties");
    Files.writeString(file, "server.port=9090\nserver.tenant=acme\n");
    ServerConfig config = load(Map.of("ERRORBRIDGE_PORT", "9191"), file);
    assertThat(config.port()).isEqualTo(9191);
    assertThat(config.defaultTenant()).isEqualTo("acme");
  }

  @Test
  void load_whenFileHasUnknownKeyOrShortToken_saysWhich() throws Exception {
    Path file = dir.resolve("errorbridge.properties");
    Files.writeString(file, "server.prot=9090\nserver.operator-token=short\n");
    assertThatThrownBy(() -> load(Map.of(), file))
        .hasMessageContaining("unknown setting 'server.prot'")
        .hasMessageContaining("at least 32 characters");
  }

  @Test
  void load_whenWebhookLimitAboveTheIntakes_refusesIt() {
    assertThatThrownBy(() -> load(Map.of("ERRORBRIDGE_WEBHOOK_MAX_BODY_BYTES", "2000000"), null))
        .hasMessageContaining("must be at most 1048576");
  }

  @Test
  void load_whenLogFormatUnset_looksAtStandardOutput() {
    assertThat(load(Map.of(), null).logFormat()).isEqualTo(LogFormat.AUTO);
  }

  @Test
  void load_whenLogFormatInFileOrEnvironment_readsItInAnyCase() throws Exception {
    Path file = dir.resolve("errorbridge.properties");
    Files.writeString(file, "log.format=text\n");
    assertThat(load(Map.of(), file).logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(load(Map.of("ERRORBRIDGE_LOG_FORMAT", "JSON"), file).logFormat())
        .isEqualTo(LogFormat.JSON);
  }

  @Test
  void load_whenLogFormatUnknown_namesTheValuesAccepted() {
    assertThatThrownBy(() -> load(Map.of("ERRORBRIDGE_LOG_FORMAT", "pretty"), null))
        .hasMessageContaining("ERRORBRIDGE_LOG_FORMAT must be auto, json or text, was 'pretty'");
  }

  @Test
  void load_whenNamedFileMissing_saysItCannotReadIt() {
    assertThatThrownBy(
            () ->
                load(Map.of("ERRORBRIDGE_CONFIG", dir.resolve("nope.properties").toString()), null))
        .hasMessageContaining("cannot read the configuration file");
  }
}

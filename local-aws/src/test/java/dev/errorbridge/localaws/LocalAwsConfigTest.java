package dev.errorbridge.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAwsConfigTest {

  @Test
  void defaults_whenBuilt_registerTheTestKeyOnLoopback() {
    LocalAwsConfig config = LocalAwsConfig.defaults();

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.credentials()).containsExactly(AccountCredentials.DEFAULT);
    assertThat(config.maxEntrySizeBytes()).isEqualTo(256 * 1024);
    assertThat(config.missingBusPolicy()).isEqualTo(MissingBusPolicy.REJECT);
    assertThat(config.verifySignatures()).isTrue();
  }

  @Test
  void build_whenSeveralSettingsInvalid_reportsEveryOne() {
    assertThatThrownBy(
            () ->
                LocalAwsConfig.builder()
                    .port(70000)
                    .maxEntrySizeBytes(2 * 1024 * 1024)
                    .maxClockSkew(Duration.ZERO)
                    .credentials(AccountCredentials.DEFAULT)
                    .build())
        .isInstanceOf(LocalAwsConfigException.class)
        .hasMessageContaining("port must be between 0")
        .hasMessageContaining("maxEntrySizeBytes must be between 1 and 1048576")
        .hasMessageContaining("maxClockSkew must be a positive duration")
        .hasMessageContaining("access key 'test' is registered twice");
  }

  @Test
  void accountCredentials_whenAccountIdMalformed_namesTheFix() {
    assertThatThrownBy(() -> new AccountCredentials("key", "secret", "12345"))
        .isInstanceOf(LocalAwsConfigException.class)
        .hasMessageContaining("must be 12 digits");
  }

  @Test
  void accountCredentials_toString_neverShowsTheSecret() {
    assertThat(new AccountCredentials("key", "super-secret-value", "111111111111").toString())
        .doesNotContain("super-secret-value")
        .contains("key");
  }

  @Test
  void parse_whenFlagsGiven_buildsTheConfig(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.json");
    Files.writeString(
        file,
        "[{\"accessKeyId\":\"bob\",\"secretAccessKey\":\"bob-secret\",\"accountId\":\"222222222222\"}]");

    LocalAwsConfig config =
        LocalAwsMain.parse(
            new String[] {
              "--port", "4600",
              "--credentials", "alice:alice-secret:111111111111",
              "--credentials-file", file.toString(),
              "--max-entry-size", "1048576",
              "--missing-bus", "ACCEPT_SILENTLY"
            });

    assertThat(config.port()).isEqualTo(4600);
    assertThat(config.credentials())
        .extracting(AccountCredentials::accessKeyId)
        .containsExactly("test", "alice", "bob");
    assertThat(config.maxEntrySizeBytes()).isEqualTo(1048576);
    assertThat(config.missingBusPolicy()).isEqualTo(MissingBusPolicy.ACCEPT_SILENTLY);
  }

  @Test
  void parse_whenNoFlags_listensOn4566() {
    assertThat(LocalAwsMain.parse(new String[0]).port()).isEqualTo(4566);
  }

  @Test
  void parse_whenFlagsInvalid_reportsEveryProblem() {
    assertThatThrownBy(
            () ->
                LocalAwsMain.parse(
                    new String[] {
                      "--port", "abc", "--missing-bus", "DROP", "--bogus", "1", "--host"
                    }))
        .isInstanceOf(LocalAwsConfigException.class)
        .hasMessageContaining("--port takes a whole number")
        .hasMessageContaining("--missing-bus takes REJECT or ACCEPT_SILENTLY")
        .hasMessageContaining("unknown option --bogus")
        .hasMessageContaining("--host needs a value");
  }

  @Test
  void parse_whenCredentialsFileMissing_namesTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(
            () -> LocalAwsMain.parse(new String[] {"--credentials-file", missing.toString()}))
        .hasMessageContaining(missing.toString());
  }
}

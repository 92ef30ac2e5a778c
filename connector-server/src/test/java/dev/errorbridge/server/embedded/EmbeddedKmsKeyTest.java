package dev.errorbridge.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKmsKeyTest {
  @TempDir Path dir;

  @Test
  void random_whenPrefixUsedUp_servesFreshBytesNeverTheSeedAgain() {
    byte[] seed = new byte[48];
    new SecureRandom().nextBytes(seed);
    KeyRestoringRandom random = new KeyRestoringRandom(seed, new SecureRandom());
    byte[] first = new byte[32];
    byte[] second = new byte[16];
    random.nextBytes(first);
    random.nextBytes(second);
    assertThat(random.prefixConsumed()).isTrue();
    byte[] iv = new byte[48];
    random.nextBytes(iv);
    assertThat(iv).isNotEqualTo(seed);
    byte[] joined = new byte[48];
    System.arraycopy(first, 0, joined, 0, 32);
    System.arraycopy(second, 0, joined, 32, 16);
    assertThat(joined).isEqualTo(seed);
  }

  @Test
  void loadOrCreate_whenStored_restoresTheSameKeyId() throws Exception {
    DataDirectory data = DataDirectory.open(dir);
    EmbeddedKmsKey created = EmbeddedKmsKey.loadOrCreate(data, new SecureRandom());
    assertThat(created.stored()).isFalse();
    created.storeIfNew(data);
    EmbeddedKmsKey restored = EmbeddedKmsKey.loadOrCreate(data, new SecureRandom());
    assertThat(restored.stored()).isTrue();
    assertThat(restored.keyId()).isEqualTo(created.keyId());
    assertThat(restored.toString()).doesNotContain("seed").contains("****");
    assertThat(Files.getPosixFilePermissions(dir.resolve(EmbeddedKmsKey.FILE)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void loadOrCreate_whenFileDamaged_saysWhatIsLostAndHowToRecover() throws Exception {
    Files.writeString(dir.resolve(EmbeddedKmsKey.FILE), "{\"keyId\":\"x\",\"seed\":\"AAAA\"}");
    assertThatThrownBy(
            () -> EmbeddedKmsKey.loadOrCreate(DataDirectory.open(dir), new SecureRandom()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining("delete the whole data directory");
  }

  @Test
  void operatorToken_whenGeneratedOnce_isReusedAndOwnerOnly() throws Exception {
    DataDirectory data = DataDirectory.open(dir);
    OperatorToken.Issued first = OperatorToken.loadOrGenerate(data, new SecureRandom());
    OperatorToken.Issued second = OperatorToken.loadOrGenerate(data, new SecureRandom());
    assertThat(first.generated()).isTrue();
    assertThat(second.generated()).isFalse();
    assertThat(second.token()).isEqualTo(first.token()).startsWith("ebop_").hasSize(69);
    assertThat(first.toString()).doesNotContain(first.token());
    assertThat(Files.getPosixFilePermissions(dir.resolve(OperatorToken.FILE)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void demoRules_whenSamplesPackaged_loadsEveryPatternFile() {
    assertThat(DemoRules.load())
        .containsKey("workflow-execution-failed")
        .containsKey("connection-test")
        .doesNotContainKey("errorbridge-all");
  }
}

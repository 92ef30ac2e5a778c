package dev.errorbridge.connector.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExternalIdsTest {

  @Test
  void generate_isThePrefixAnd32Base32Characters_withinStsConstraints() {
    String id = ExternalIds.generate();

    assertThat(id).matches("eb-[a-z2-7]{32}").hasSize(35);
    // STS: 2 to 1224 characters of [\w+=,.@:/-].
    assertThat(id).matches("[\\w+=,.@:/-]{2,1224}");
  }

  @Test
  void generate_whenCalledRepeatedly_neverRepeats() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(ExternalIds.generate());
    }

    assertThat(ids).hasSize(10_000);
  }
}

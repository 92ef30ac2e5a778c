package dev.errorbridge.connector.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunDetailChecksTest {

  @Test
  void quoted_whenValueIsShort_keepsItWhole() {
    assertThat(RunDetailChecks.quoted("run-1")).isEqualTo("run-1");
    assertThat(RunDetailChecks.quoted("x".repeat(64))).isEqualTo("x".repeat(64));
  }

  @Test
  void quoted_whenValueIsLong_cutsItTo64CharactersAndAnEllipsis() {
    assertThat(RunDetailChecks.quoted("y".repeat(65) + "tail")).isEqualTo("y".repeat(64) + "…");
  }
}

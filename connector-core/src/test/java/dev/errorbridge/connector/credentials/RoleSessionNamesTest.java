package dev.errorbridge.connector.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleSessionNamesTest {

  @Test
  void forConnection_whenIdIsPlain_prefixesIt() {
    assertThat(RoleSessionNames.forConnection("c_01J9Z.x@y=z+1,2"))
        .isEqualTo("errorbridge-c_01J9Z.x@y=z+1,2");
  }

  @Test
  void forConnection_whenIdHasCharactersStsRefuses_replacesThemWithDashes() {
    assertThat(RoleSessionNames.forConnection("tenant/conn 1:é"))
        .isEqualTo("errorbridge-tenant-conn-1--");
  }

  @Test
  void forConnection_whenIdIsLong_cutsTheNameAt64() {
    String name = RoleSessionNames.forConnection("x".repeat(100));

    assertThat(name).hasSize(64).startsWith("errorbridge-xxx");
  }
}

package dev.errorbridge.connector.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartnerModeTest {

  @Test
  void read_whenUnset_isOffWithoutProblems() {
    List<String> problems = new ArrayList<>();

    PartnerMode mode = PartnerMode.read(PartnerMode.PREFIX_VARIABLE, " ", problems);

    assertThat(mode.enabled()).isFalse();
    assertThat(mode.sourceName("conn-1")).isEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void read_whenAPartnerPrefix_namesEachConnectionsSourceUnderIt() {
    List<String> problems = new ArrayList<>();

    PartnerMode mode =
        PartnerMode.read(
            PartnerMode.PREFIX_VARIABLE, "aws.partner/example.com/errorbridge", problems);

    assertThat(problems).isEmpty();
    assertThat(mode.sourceName("cn_0123abcd"))
        .contains("aws.partner/example.com/errorbridge/cn_0123abcd");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.com/errorbridge",
        "aws.partner/example.com",
        "aws.partner/example.com/",
        "aws.partner/exa mple.com/x",
        "aws.partner//x"
      })
  void read_whenNotAPartnerPrefix_namesTheVariableAndTheShape(String value) {
    List<String> problems = new ArrayList<>();

    PartnerMode mode = PartnerMode.read(PartnerMode.PREFIX_VARIABLE, value, problems);

    assertThat(mode.enabled()).isFalse();
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(
            "ERRORBRIDGE_PARTNER_SOURCE_PREFIX must be aws.partner/<partner name>/<namespace>");
  }

  @Test
  void read_whenTooLongForAConnectionIdToFit_isAProblem() {
    List<String> problems = new ArrayList<>();

    PartnerMode.read(
        PartnerMode.PREFIX_VARIABLE, "aws.partner/example.com/" + "n".repeat(110), problems);

    assertThat(problems).singleElement().asString().contains("at most 127 characters");
  }
}

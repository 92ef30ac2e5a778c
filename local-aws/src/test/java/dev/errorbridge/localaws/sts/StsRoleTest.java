package dev.errorbridge.localaws.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.localaws.LocalAwsConfigException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StsRoleTest {

  @Test
  void accountIdAndRoleName_whenArnHasAPath_comeFromTheArn() {
    StsRole role =
        StsRole.of(
            "arn:aws:iam::222222222222:role/service-role/errorbridge/publisher",
            Set.of("111111111111"),
            null);

    assertThat(role.accountId()).isEqualTo("222222222222");
    assertThat(role.roleName()).isEqualTo("publisher");
    assertThat(role.maxSessionDurationSeconds())
        .isEqualTo(StsRole.DEFAULT_MAX_SESSION_DURATION_SECONDS);
  }

  @Test
  void construct_whenEverythingInvalid_listsEveryProblem() {
    assertThatThrownBy(() -> new StsRole("arn:aws:iam::2222:user/bob", Set.of("12"), "x", 60))
        .isInstanceOf(LocalAwsConfigException.class)
        .hasMessageContaining("roleArn must look like arn:aws:iam::111111111111:role/")
        .hasMessageContaining("must be 12 digits; got '12'")
        .hasMessageContaining("requiredExternalId must be 2 to 1224")
        .hasMessageContaining("between 3600 and 43200; got 60");
  }

  @Test
  void construct_whenNoTrustedAccount_isRefused() {
    assertThatThrownBy(
            () -> StsRole.of("arn:aws:iam::222222222222:role/r", Set.of(), "eb-external"))
        .isInstanceOf(LocalAwsConfigException.class)
        .hasMessageContaining("at least one 12-digit account");
  }
}

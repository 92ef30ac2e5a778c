package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.runtime.RuntimeSettingsInvalidException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lambda's no-arg constructors fail fast, naming every missing variable. */
class HandlerConstructionTest {
  static Stream<Arguments> handlers() {
    return Stream.of(
        Arguments.of("SettingsApiHandler", (Supplier<Object>) SettingsApiHandler::new),
        Arguments.of("WebhookHandler", (Supplier<Object>) WebhookHandler::new),
        Arguments.of("RetryDrainHandler", (Supplier<Object>) RetryDrainHandler::new),
        Arguments.of("PollWorkerHandler", (Supplier<Object>) PollWorkerHandler::new),
        Arguments.of("PollScheduleHandler", (Supplier<Object>) PollScheduleHandler::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handlers")
  void noArgConstructor_whenEnvironmentLacksSettings_namesEveryMissingVariable(
      String name, Supplier<Object> lambdaConstructor) {
    // The build's environment sets none of them (see surefire's configuration).
    assertThat(System.getenv("ERRORBRIDGE_TABLE")).isNull();

    assertThatThrownBy(lambdaConstructor::get)
        .isInstanceOf(RuntimeSettingsInvalidException.class)
        .hasMessageContaining("ERRORBRIDGE_TABLE")
        .hasMessageContaining("ERRORBRIDGE_KMS_KEY");
  }

  @Test
  void pollQueueUrl_whenMissing_saysWhatToSet() {
    assertThatThrownBy(() -> new LambdaEnvironment(Map.of()).pollQueueUrl())
        .isInstanceOf(LambdaConfigInvalidException.class)
        .hasMessageContaining("ERRORBRIDGE_POLL_QUEUE_URL");
  }

  @Test
  void tenantRolePrefix_whenUnset_isTheDefault() {
    assertThat(new LambdaEnvironment(Map.of()).tenantRolePrefix())
        .isEqualTo(IamCallers.DEFAULT_ROLE_PREFIX);
    assertThat(
            new LambdaEnvironment(Map.of(LambdaEnvironment.TENANT_ROLE_PREFIX, "eb-t-"))
                .tenantRolePrefix())
        .isEqualTo("eb-t-");
  }
}

package dev.errorbridge.lambda;

import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The one place the handlers read the process environment (the no-arg constructors Lambda calls);
 * everything else takes its configuration as arguments. Besides {@link RuntimeSettings}' variables:
 *
 * <table>
 *   <caption>Lambda-only variables</caption>
 *   <tr><th>Variable</th><th>Used by</th><th>Default</th></tr>
 *   <tr><td>{@value #POLL_QUEUE_URL}</td><td>{@code PollScheduleHandler}</td>
 *       <td>required there</td></tr>
 *   <tr><td>{@value #TENANT_ROLE_PREFIX}</td><td>{@code SettingsApiHandler}</td>
 *       <td>{@value IamCallers#DEFAULT_ROLE_PREFIX}</td></tr>
 *   <tr><td>{@value #LOG_LEVEL}</td><td>all</td><td>{@code info}</td></tr>
 *   <tr><td>{@value #INIT_WARMUP}</td><td>all</td><td>{@code true}</td></tr>
 * </table>
 *
 * @param variables the environment
 */
record LambdaEnvironment(Map<String, String> variables) {
  /** The SQS queue the poll scheduler fills and the poll workers drain. */
  static final String POLL_QUEUE_URL = "ERRORBRIDGE_POLL_QUEUE_URL";

  /** The IAM role-name prefix that marks a tenant's role (see {@link IamCallers}). */
  static final String TENANT_ROLE_PREFIX = "ERRORBRIDGE_TENANT_ROLE_PREFIX";

  /** {@code false} switches the init-time warm-up thread off (see {@code Warmup}). */
  static final String INIT_WARMUP = "ERRORBRIDGE_INIT_WARMUP";

  /** The log level ({@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace}). */
  static final String LOG_LEVEL = "ERRORBRIDGE_LOG_LEVEL";

  private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  LambdaEnvironment {
    variables = Map.copyOf(variables);
  }

  /**
   * Sets slf4j-simple's level from {@value #LOG_LEVEL} (default {@code info}) unless a system
   * property already does. Handlers call it from their static initialiser, before any logger
   * exists: slf4j-simple reads its configuration once.
   */
  static void configureLogging() {
    if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
      String level = System.getenv(LOG_LEVEL);
      System.setProperty(
          SIMPLE_LOGGER_LEVEL,
          level == null || level.isBlank()
              ? "info"
              : level.trim().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** This process's environment. */
  static LambdaEnvironment system() {
    return new LambdaEnvironment(System.getenv());
  }

  /**
   * Errorbridge's object graph with the runtime's own credentials (the function role): {@link
   * DefaultCredentialsProvider} resolves lazily, on the first call, so nothing is resolved during
   * init and a SnapStart snapshot holds no credentials.
   *
   * @throws dev.errorbridge.connector.runtime.RuntimeSettingsInvalidException naming every missing
   *     or invalid variable
   */
  ConnectorComponents components() {
    return components(DefaultCredentialsProvider.builder().build());
  }

  /** The object graph with these credentials (a handler that builds more clients shares them). */
  ConnectorComponents components(AwsCredentialsProvider credentials) {
    return new ConnectorComponents(
        RuntimeSettings.fromEnvironment(variables), credentials, Clock.systemUTC());
  }

  /** The region Lambda runs in ({@code AWS_REGION}); us-east-1 if unset (settings then fail). */
  Region region() {
    String region = variables.get(RuntimeSettings.REGION);
    return region == null || region.isBlank() ? Region.US_EAST_1 : Region.of(region.trim());
  }

  RuntimeSettings settings() {
    return RuntimeSettings.fromEnvironment(variables);
  }

  boolean initWarmup() {
    return !"false".equalsIgnoreCase(variables.getOrDefault(INIT_WARMUP, "true").trim());
  }

  String tenantRolePrefix() {
    String prefix = variables.get(TENANT_ROLE_PREFIX);
    return prefix == null || prefix.isBlank() ? IamCallers.DEFAULT_ROLE_PREFIX : prefix.trim();
  }

  /**
   * @throws LambdaConfigInvalidException when {@value #POLL_QUEUE_URL} is not set
   */
  String pollQueueUrl() {
    String url = variables.get(POLL_QUEUE_URL);
    if (url == null || url.isBlank()) {
      throw new LambdaConfigInvalidException(
          POLL_QUEUE_URL + " is required: the URL of the poll queue the infra stack created");
    }
    return url.trim();
  }
}

package dev.errorbridge.infra;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.constructs.Construct;

/**
 * The five functions, built from the one shared artifact, with their environment, their grants and
 * the poll worker's SQS event source.
 *
 * <p>Who may do what:
 *
 * <table>
 *   <caption>Function permissions</caption>
 *   <tr><th>Function</th><th>DynamoDB</th><th>Other</th></tr>
 *   <tr><td>PollSchedule</td><td>read; query {@code enabled}</td>
 *       <td>send to the poll queue; metrics in {@code Errorbridge}</td></tr>
 *   <tr><td>PollWorker</td><td>read, write</td>
 *       <td>consume the poll queue; decrypt; assume customer roles; ambient buses</td></tr>
 *   <tr><td>Webhook</td><td>read, write</td>
 *       <td>decrypt; assume customer roles; ambient buses</td></tr>
 *   <tr><td>SettingsApi</td><td>read, write; query {@code byTenant}</td>
 *       <td>encrypt, decrypt, re-encrypt; assume customer roles (connection test); ambient buses</td>
 *   </tr>
 *   <tr><td>RetryDrain</td><td>read, write; query {@code enabled}</td>
 *       <td>decrypt; assume customer roles; ambient buses</td></tr>
 * </table>
 *
 * <p>With partner mode on ({@code partnerSourcePrefix}), the four publishers may also create, read,
 * delete and publish to partner event sources under the prefix; without it, they get no partner
 * action at all.
 */
final class Functions extends Construct {

  // The names connector-core's RuntimeSettings reads (AWS_REGION is Lambda's own); the rest follow
  // its ERRORBRIDGE_ prefix. docs/deploy.md lists them as the contract with connector-lambda.

  /** The table's name ({@code RuntimeSettings.TABLE}). */
  static final String TABLE_NAME = "ERRORBRIDGE_TABLE";

  /** The ARN of the key that seals connection secrets ({@code RuntimeSettings.KMS_KEY}). */
  static final String KMS_KEY_ARN = "ERRORBRIDGE_KMS_KEY";

  /**
   * Platform hosts allowed although they resolve to private addresses ({@code
   * RuntimeSettings.ALLOWED_HOSTS}).
   */
  static final String ALLOWED_HOSTS = "ERRORBRIDGE_ALLOWED_HOSTS";

  /** CIDR blocks allowed although private ({@code RuntimeSettings.ALLOWED_NETWORKS}). */
  static final String ALLOWED_NETWORKS = "ERRORBRIDGE_ALLOWED_NETWORKS";

  /** The URL of the poll queue. */
  static final String POLL_QUEUE_URL = "ERRORBRIDGE_POLL_QUEUE_URL";

  /** TRACE, DEBUG, INFO, WARN or ERROR. */
  static final String LOG_LEVEL = "ERRORBRIDGE_LOG_LEVEL";

  /** The JVM options. */
  static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  /** Customer role names must start with this (the settings API rejects other role ARNs early). */
  static final String CUSTOMER_ROLE_NAME_PREFIX = "ERRORBRIDGE_CUSTOMER_ROLE_NAME_PREFIX";

  /** {@code true} when AMBIENT connections are allowed. */
  static final String AMBIENT_MODE = "ERRORBRIDGE_AMBIENT_MODE";

  /** The comma-separated bus names AMBIENT connections may use (only when AMBIENT_MODE is true). */
  static final String AMBIENT_EVENT_BUSES = "ERRORBRIDGE_AMBIENT_EVENT_BUSES";

  /** The partner event source prefix; set only when partner mode is on. */
  static final String PARTNER_SOURCE_PREFIX = "ERRORBRIDGE_PARTNER_SOURCE_PREFIX";

  /** SettingsApi only: the customer role template's URL, for quick-create links. */
  static final String CUSTOMER_ROLE_TEMPLATE_URL = "ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL";

  /** SettingsApi only, with the template URL: the account customer roles trust. */
  static final String DEPLOYMENT_ACCOUNT_ID = "ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID";

  /**
   * SettingsApi only: the URL a connection's webhook path is appended to ({@code
   * RuntimeSettings.WEBHOOK_BASE_URL}), for the absolute {@code webhook.url} the API shows.
   */
  static final String WEBHOOK_BASE_URL = "ERRORBRIDGE_WEBHOOK_BASE_URL";

  /**
   * Everything the functions need.
   *
   * @param config the deployment's configuration
   * @param table the table
   * @param key the secrets key
   * @param pollQueue the poll queue
   */
  record Props(
      ErrorbridgeProps config, ConnectorTable table, SecretsKey key, PollQueue pollQueue) {}

  private final Map<FunctionSpec, ConnectorFunction> functions = new EnumMap<>(FunctionSpec.class);

  Functions(Construct scope, String id, Props props) {
    super(scope, id);
    ErrorbridgeProps config = props.config();
    // One asset for all five: the artifact is uploaded once and every function points at it.
    Code code = Code.fromAsset(config.artifactPath().toString());
    Map<String, String> environment = environment(props);
    for (FunctionSpec spec : FunctionSpec.values()) {
      boolean scheduled = spec == FunctionSpec.POLL_SCHEDULE || spec == FunctionSpec.RETRY_DRAIN;
      functions.put(
          spec,
          new ConnectorFunction(
              this,
              spec.id(),
              new ConnectorFunction.Props(
                  spec, config.namePrefix(), code, environment, config.logRetention(), scheduled)));
    }
    grant(props);
    get(FunctionSpec.POLL_WORKER)
        .alias()
        .addEventSource(
            new SqsEventSource(
                props.pollQueue().queue(),
                SqsEventSourceProps.builder()
                    .batchSize(PollQueue.BATCH_SIZE)
                    // Caps concurrent workers (and so the load on platforms, the table and the
                    // account's concurrency) without reserved concurrency, which would take
                    // capacity away from the other functions even when idle.
                    .maxConcurrency(config.pollWorkerMaxConcurrency())
                    // One bad connection returns its own message and never re-runs the others.
                    .reportBatchItemFailures(true)
                    .build()));
  }

  private static Map<String, String> environment(Props props) {
    ErrorbridgeProps config = props.config();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(TABLE_NAME, props.table().table().getTableName());
    environment.put(KMS_KEY_ARN, props.key().key().getKeyArn());
    environment.put(POLL_QUEUE_URL, props.pollQueue().queue().getQueueUrl());
    environment.put(LOG_LEVEL, config.logLevel());
    environment.put(JAVA_TOOL_OPTIONS, ConnectorFunction.JAVA_TOOL_OPTIONS);
    environment.put(CUSTOMER_ROLE_NAME_PREFIX, config.customerRoleNamePrefix());
    environment.put(AMBIENT_MODE, Boolean.toString(config.ambientMode()));
    if (config.ambientMode()) {
      environment.put(AMBIENT_EVENT_BUSES, String.join(",", config.ambientEventBuses()));
    }
    if (config.partnerMode()) {
      environment.put(PARTNER_SOURCE_PREFIX, config.partnerSourcePrefix());
    }
    if (!config.allowedHosts().isEmpty()) {
      environment.put(ALLOWED_HOSTS, String.join(",", config.allowedHosts()));
    }
    if (!config.allowedNetworks().isEmpty()) {
      environment.put(ALLOWED_NETWORKS, String.join(",", config.allowedNetworks()));
    }
    return environment;
  }

  private void grant(Props props) {
    ConnectorTable table = props.table();
    ErrorbridgeProps config = props.config();

    IRole schedule = get(FunctionSpec.POLL_SCHEDULE).role();
    Grants.readTable(schedule, table, ConnectorTable.ENABLED_INDEX);
    Grants.sendTo(schedule, props.pollQueue().queue());
    Grants.putErrorbridgeMetrics(schedule);

    Map<FunctionSpec, String[]> publishers = new EnumMap<>(FunctionSpec.class);
    publishers.put(FunctionSpec.POLL_WORKER, new String[0]);
    publishers.put(FunctionSpec.WEBHOOK, new String[0]);
    publishers.put(FunctionSpec.SETTINGS_API, new String[] {ConnectorTable.BY_TENANT_INDEX});
    publishers.put(FunctionSpec.RETRY_DRAIN, new String[] {ConnectorTable.ENABLED_INDEX});
    publishers.forEach(
        (spec, indexes) -> {
          IRole role = get(spec).role();
          Grants.readTable(role, table, indexes);
          Grants.writeTable(role, table);
          Grants.assumeCustomerRoles(role, config.customerRoleNamePrefix());
          if (config.ambientMode()) {
            Grants.publishToAmbientBuses(role, config.ambientEventBuses());
          }
          if (config.partnerMode()) {
            Grants.managePartnerEventSources(role, config.partnerSourcePrefix());
          }
        });

    props
        .key()
        .allowDecrypt(
            "PublishersDecryptErrorbridgeSecrets",
            List.of(
                get(FunctionSpec.POLL_WORKER).role(),
                get(FunctionSpec.WEBHOOK).role(),
                get(FunctionSpec.RETRY_DRAIN).role()));
    props
        .key()
        .allowSeal("SettingsApiSealsErrorbridgeSecrets", get(FunctionSpec.SETTINGS_API).role());
  }

  /** One of the five. */
  ConnectorFunction get(FunctionSpec spec) {
    return functions.get(spec);
  }
}

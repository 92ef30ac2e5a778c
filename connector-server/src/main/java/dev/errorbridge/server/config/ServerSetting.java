package dev.errorbridge.server.config;

import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.server.logging.LogFormat;

/**
 * Every setting of the standalone server: its environment variable, its key in {@code
 * errorbridge.properties}, its default and what it means, in one table. The environment wins over
 * the file. The AWS settings reuse the variable names of {@link RuntimeSettings}, so the server and
 * the Lambda handlers read the same environment.
 */
public enum ServerSetting {
  PORT("ERRORBRIDGE_PORT", "server.port", "8080", "HTTP port (0 = any free port)"),
  HOST(
      "ERRORBRIDGE_HOST",
      "server.host",
      null,
      "address to bind; default 127.0.0.1 on embedded defaults, 0.0.0.0 with real AWS"),
  PUBLIC_URL(
      "ERRORBRIDGE_PUBLIC_URL",
      "server.public-url",
      null,
      "the address platforms and people reach this server at (https, or http on a loopback host),"
          + " e.g. https://errorbridge.example.com/: the settings API shows each connection's"
          + " webhook URL as <this>webhooks/<connectionId>; unset: http://<host>:<port>/ when bound"
          + " to a loopback address, else no URL (the settings page then shows its own address)"),
  DATA_DIR(
      "ERRORBRIDGE_DATA_DIR",
      "server.data-dir",
      "./data",
      "where embedded defaults keep DynamoDB Local's tables, the KMS key and the operator token"),
  OPERATOR_TOKEN(
      "ERRORBRIDGE_OPERATOR_TOKEN",
      "server.operator-token",
      null,
      "bearer token of the operator (at least 32 characters); required with real AWS, generated"
          + " once under the data directory on embedded defaults"),
  DEFAULT_TENANT(
      "ERRORBRIDGE_TENANT",
      "server.tenant",
      "default",
      "tenant the operator acts for when a request has no X-Errorbridge-Tenant header"),
  SHUTDOWN_TIMEOUT(
      "ERRORBRIDGE_SHUTDOWN_TIMEOUT",
      "server.shutdown-timeout",
      "PT20S",
      "how long a shutdown waits for in-flight requests and batches (ISO-8601 duration)"),
  WEBHOOK_MAX_BODY_BYTES(
      "ERRORBRIDGE_WEBHOOK_MAX_BODY_BYTES",
      "webhook.max-body-bytes",
      "1048576",
      "largest webhook body accepted (at most 1 MiB); larger ones get 413 without being read to the end"),
  POLL_INTERVAL(
      "ERRORBRIDGE_POLL_INTERVAL",
      "poll.interval",
      "PT1M",
      "how often the poll schedule looks for due connections (ISO-8601 duration)"),
  RETRY_DRAIN_INTERVAL(
      "ERRORBRIDGE_RETRY_DRAIN_INTERVAL",
      "retry.drain-interval",
      "PT15S",
      "how often parked webhook events are sent again when due (ISO-8601 duration)"),
  POLL_LEASE(
      "ERRORBRIDGE_POLL_LEASE",
      "poll.lease",
      null,
      "how long one poll cycle may run, and so how long a replica that died mid-cycle keeps its"
          + " connection from the others (ISO-8601 duration, at least PT20S); default the poll"
          + " interval, at least PT1M"),
  REPLICA_ID(
      "ERRORBRIDGE_REPLICA_ID",
      "server.replica-id",
      null,
      "this copy's name among replicas on one table, in /health, /metrics, JSON logs and the"
          + " leases it holds (1-128 of letters, digits and _ . : @ -); default <hostname>-<pid>"),
  OPERATION_LEASE(
      "ERRORBRIDGE_OPERATION_LEASE",
      "operations.lease",
      "PT1M",
      "how long a backfill or dead-letter replay holds its connection without renewal (it renews"
          + " every third of it while running): after a replica dies mid-run, a new run may start"
          + " this much later (ISO-8601 duration, at least PT3S)"),
  LOG_FORMAT(
      LogFormat.VARIABLE,
      "log.format",
      "auto",
      "console log: auto (readable lines on a terminal, JSON lines otherwise), json or text"),
  DELIVERY_LEASE(
      RuntimeSettings.DELIVERY_LEASE,
      "delivery.lease",
      "PT1M",
      "how long a claimed event waits for its publisher before the retry drain takes it over"
          + " (ISO-8601 duration): the delay after a crash, never a loss"),
  REGION(RuntimeSettings.REGION, "aws.region", null, "Errorbridge's own AWS region"),
  TABLE(RuntimeSettings.TABLE, "aws.table", null, "DynamoDB table; setting it selects real AWS"),
  KMS_KEY(
      RuntimeSettings.KMS_KEY,
      "aws.kms-key",
      null,
      "KMS key id, ARN or alias that encrypts secrets; setting it selects real AWS"),
  AWS_ENDPOINT(
      RuntimeSettings.AWS_ENDPOINT,
      "aws.endpoint",
      null,
      "endpoint override for EventBridge, KMS and STS (e.g. a local-aws you run yourself)"),
  DYNAMODB_ENDPOINT(
      RuntimeSettings.DYNAMODB_ENDPOINT,
      "aws.dynamodb-endpoint",
      null,
      "DynamoDB endpoint override"),
  ALLOWED_HOSTS(
      RuntimeSettings.ALLOWED_HOSTS,
      "settings.allowed-hosts",
      null,
      "comma-separated platform hosts allowed although private"),
  ALLOWED_NETWORKS(
      RuntimeSettings.ALLOWED_NETWORKS,
      "settings.allowed-networks",
      null,
      "comma-separated CIDR blocks allowed although private"),
  PARTNER_SOURCE_PREFIX(
      RuntimeSettings.PARTNER_SOURCE_PREFIX,
      "aws.partner-source-prefix",
      null,
      "with real AWS, for an operator registered as an EventBridge partner:"
          + " aws.partner/<partner>/<namespace>, turning PARTNER_EVENT_SOURCE connections on"),
  CUSTOMER_ROLE_TEMPLATE_URL(
      "ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL",
      "aws.customer-role-template-url",
      null,
      "with real AWS: the public https URL of the customer role template, so ASSUME_ROLE"
          + " connections show a CloudFormation quick-create link (with aws.deployment-account-id)"),
  DEPLOYMENT_ACCOUNT_ID(
      "ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID",
      "aws.deployment-account-id",
      null,
      "with real AWS: the 12-digit account this server runs in, which customer roles trust"),
  EMBEDDED_AWS_PORT(
      "ERRORBRIDGE_EMBEDDED_AWS_PORT",
      "embedded.aws-port",
      "4566",
      "loopback port of the embedded EventBridge + KMS + STS (0 = any free port)"),
  EMBEDDED_DYNAMODB_PORT(
      "ERRORBRIDGE_EMBEDDED_DYNAMODB_PORT",
      "embedded.dynamodb-port",
      "0",
      "loopback port of the embedded DynamoDB Local (0 = any free port)");

  private final String environmentVariable;
  private final String fileKey;
  private final String defaultValue;
  private final String description;

  ServerSetting(
      String environmentVariable, String fileKey, String defaultValue, String description) {
    this.environmentVariable = environmentVariable;
    this.fileKey = fileKey;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String environmentVariable() {
    return environmentVariable;
  }

  public String fileKey() {
    return fileKey;
  }

  /** The default, or {@code null} when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}

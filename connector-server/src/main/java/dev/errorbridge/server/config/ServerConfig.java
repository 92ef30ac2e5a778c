package dev.errorbridge.server.config;

import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.settings.AccessLinks;
import dev.errorbridge.connector.settings.WebhookBaseUrl;
import dev.errorbridge.server.logging.LogFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the standalone server runs, as {@link ServerConfigLoader} read it. With {@link #aws()} {@code
 * null} it runs on embedded defaults (local-aws and DynamoDB Local in-process, state under {@link
 * #dataDirectory()}); otherwise against the AWS that {@link #aws()} names.
 *
 * @param port HTTP port (0 = any free port)
 * @param host address to bind
 * @param publicUrl the address platforms and people reach the server at, or {@code null}
 * @param dataDirectory where embedded state and the generated operator token live
 * @param operatorToken the operator's bearer token, or {@code null} to use (or generate) the one in
 *     the data directory
 * @param defaultTenant the tenant an operator request without {@code X-Errorbridge-Tenant} acts for
 * @param shutdownTimeout how long shutdown waits for in-flight work
 * @param webhookMaxBodyBytes the webhook body limit, enforced while reading
 * @param pollInterval the poll schedule's period
 * @param retryDrainInterval the retry drain's period
 * @param deliveryLease how long a claimed event waits for its publisher before the retry drain
 *     takes it over
 * @param aws real AWS settings, or {@code null} for embedded defaults
 * @param allowedHosts platform hosts allowed although private (embedded defaults)
 * @param allowedNetworks CIDR blocks allowed although private (embedded defaults)
 * @param embeddedAwsPort the embedded local-aws port
 * @param embeddedDynamoDbPort the embedded DynamoDB Local port
 * @param logFormat how the console log is written
 * @param accessLinks the customer role template's URL and this server's account, for ASSUME_ROLE
 *     connections' quick-create links ({@link AccessLinks#none()} when not set)
 * @param replicaId this copy's name among replicas sharing the table
 * @param pollLease how long one poll cycle may hold its connection
 * @param operationLease how long a backfill or replay holds its connection without renewal
 */
public record ServerConfig(
    int port,
    String host,
    WebhookBaseUrl publicUrl,
    Path dataDirectory,
    String operatorToken,
    String defaultTenant,
    Duration shutdownTimeout,
    int webhookMaxBodyBytes,
    Duration pollInterval,
    Duration retryDrainInterval,
    Duration deliveryLease,
    RuntimeSettings aws,
    Set<String> allowedHosts,
    List<String> allowedNetworks,
    int embeddedAwsPort,
    int embeddedDynamoDbPort,
    LogFormat logFormat,
    AccessLinks accessLinks,
    String replicaId,
    Duration pollLease,
    Duration operationLease) {

  public ServerConfig {
    accessLinks = accessLinks == null ? AccessLinks.none() : accessLinks;
    allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
    allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    logFormat = logFormat == null ? LogFormat.AUTO : logFormat;
  }

  /** Whether the server runs on embedded defaults rather than real AWS. */
  public boolean embedded() {
    return aws == null;
  }

  /** The same configuration on other ports and another data directory (tests, benchmarks). */
  public ServerConfig withPorts(int httpPort, int awsPort, Path data) {
    return new ServerConfig(
        httpPort,
        host,
        publicUrl,
        data,
        operatorToken,
        defaultTenant,
        shutdownTimeout,
        webhookMaxBodyBytes,
        pollInterval,
        retryDrainInterval,
        deliveryLease,
        aws,
        allowedHosts,
        allowedNetworks,
        awsPort,
        embeddedDynamoDbPort,
        logFormat,
        accessLinks,
        replicaId,
        pollLease,
        operationLease);
  }

  @Override
  public String toString() {
    // Never the token.
    return "ServerConfig[port="
        + port
        + ", host="
        + host
        + ", publicUrl="
        + publicUrl
        + ", dataDirectory="
        + dataDirectory
        + ", operatorToken="
        + (operatorToken == null ? "generated" : "configured")
        + ", defaultTenant="
        + defaultTenant
        + ", replicaId="
        + replicaId
        + ", mode="
        + (embedded() ? "embedded" : "aws " + aws.region() + " table " + aws.tableName())
        + "]";
  }
}

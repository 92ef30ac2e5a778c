package dev.errorbridge.localaws.contract;

import dev.errorbridge.localaws.fault.Fault;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What a contract suite runs against: an endpoint, two accounts' credentials, and what the endpoint
 * can do. The same suites run against local-aws here and against LocalStack wherever Docker exists.
 */
public interface ContractEndpoint {

  /** The two accounts every suite uses; resources of one must be invisible to the other. */
  enum Account {
    PRIMARY,
    OTHER
  }

  URI endpoint();

  Region region();

  AwsBasicCredentials credentials(Account account);

  String accountId(Account account);

  /**
   * Whether the endpoint rejects unknown keys and bad signatures (LocalStack does not by default).
   */
  boolean verifiesSignatures();

  /**
   * Whether another account's resource ARN is refused (LocalStack does not check cross-account
   * access).
   */
  default boolean refusesCrossAccountAccess() {
    return true;
  }

  /** Whether {@link #injectFault(Fault)} works (only local-aws). */
  boolean injectsFaults();

  /** Injects a fault; only called when {@link #injectsFaults()}. */
  default void injectFault(Fault fault) {
    throw new UnsupportedOperationException("this endpoint cannot inject faults");
  }

  /** Removes every injected fault. */
  default void clearFaults() {}

  /**
   * Whether AssumeRole checks the role's trust (caller account, External ID) and STS's parameter
   * constraints; LocalStack's community STS issues credentials for any role.
   */
  default boolean enforcesRoleTrust() {
    return true;
  }

  /**
   * Creates a role in {@code owner}'s account that {@code trusted} may assume, requiring {@code
   * externalId} unless it is {@code null}; returns the role ARN.
   */
  String createRole(String name, Account owner, Account trusted, String externalId);

  /** Creates a target that records what a rule delivers, returning its ARN. */
  String createRecordingTarget(String name);

  /** The envelopes (as JSON strings) a recording target has received so far. */
  List<String> recordedEvents(String targetArn);

  default EventBridgeClient eventBridge(Account account) {
    return EventBridgeClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(StaticCredentialsProvider.create(credentials(account)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
        .build();
  }

  default StsClient sts(Account account) {
    return sts(credentials(account));
  }

  /** An STS client signing with any credentials, e.g. temporary ones STS issued. */
  default StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
        .build();
  }

  /** An EventBridge client signing with any credentials, e.g. temporary ones STS issued. */
  default EventBridgeClient eventBridge(AwsCredentials credentials) {
    return EventBridgeClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
        .build();
  }

  default KmsClient kms(Account account) {
    return KmsClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(StaticCredentialsProvider.create(credentials(account)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
        .build();
  }
}

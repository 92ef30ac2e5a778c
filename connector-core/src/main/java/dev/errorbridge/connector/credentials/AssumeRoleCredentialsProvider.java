package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A customer's role, assumed with the connection's External ID through the SDK's {@link
 * StsAssumeRoleCredentialsProvider}, which caches the session and refreshes it before expiry as
 * {@link AssumeRoleRefresh} says. Building it calls nothing; the first {@link
 * #resolveCredentials()} calls STS. Failures become {@link AssumeRoleFailedException}.
 */
final class AssumeRoleCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
  private final String connectionId;
  private final String region;
  private final DestinationAuth.AssumeRole auth;
  private final StsAssumeRoleCredentialsProvider delegate;

  AssumeRoleCredentialsProvider(
      String connectionId,
      String region,
      DestinationAuth.AssumeRole auth,
      StsClient sts,
      AssumeRoleRefresh refresh) {
    this.connectionId = connectionId;
    this.region = region;
    this.auth = auth;
    String sessionName = RoleSessionNames.forConnection(connectionId);
    this.delegate =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(
                r ->
                    r.roleArn(auth.roleArn())
                        .externalId(auth.externalId())
                        .roleSessionName(sessionName)
                        .durationSeconds(refresh.durationSeconds()))
            .prefetchTime(refresh.prefetchTime())
            .staleTime(refresh.staleTime())
            .asyncCredentialUpdateEnabled(refresh.asyncRefresh())
            .build();
  }

  /**
   * @throws AssumeRoleFailedException when STS refuses or cannot be reached and no unexpired
   *     session is cached
   */
  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return delegate.resolveCredentials();
    } catch (RuntimeException e) {
      throw CredentialsFailures.assumeRole(connectionId, region, auth, e);
    }
  }

  /** The SDK provider, for tests of its refresh settings. */
  StsAssumeRoleCredentialsProvider delegate() {
    return delegate;
  }

  /**
   * Stops the background refresh; the STS client is shared and stays open. A closed provider still
   * resolves (the SDK's cache then refreshes a stale session in the calling thread), so an SDK
   * client holding it when it was retired keeps signing.
   */
  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "AssumeRoleCredentialsProvider[connectionId="
        + connectionId
        + ", roleArn="
        + auth.roleArn()
        + "]";
  }
}

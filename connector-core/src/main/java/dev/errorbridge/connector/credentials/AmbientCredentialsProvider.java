package dev.errorbridge.connector.credentials;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The runtime's own credentials for one connection: delegates to the shared provider (resolved only
 * when a call is signed) and names the connection when they cannot be resolved.
 */
final class AmbientCredentialsProvider implements AwsCredentialsProvider {
  private final String connectionId;
  private final AwsCredentialsProvider runtime;

  AmbientCredentialsProvider(String connectionId, AwsCredentialsProvider runtime) {
    this.connectionId = connectionId;
    this.runtime = runtime;
  }

  /**
   * @throws AmbientCredentialsUnavailableException when the runtime has no usable credentials
   */
  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return runtime.resolveCredentials();
    } catch (RuntimeException e) {
      throw CredentialsFailures.ambient(connectionId, e);
    }
  }

  @Override
  public String toString() {
    return "AmbientCredentialsProvider[connectionId=" + connectionId + "]";
  }
}

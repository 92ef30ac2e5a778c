package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.publish.SdkScheduler;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * STS clients on the JDK's URL connection (quick to start in Lambda; Apache and Netty are not on
 * the classpath), sharing one HTTP client, signing with Errorbridge's own credentials.
 *
 * <p>The SDK's default retries stay on (standard mode, 3 attempts) and bounded by a 10 s call
 * timeout. They do not stack on the publisher's retries the way PutEvents retries would: STS is
 * called once per session (about hourly per connection), in the background before the credentials
 * are stale, never once per PutEvents attempt. Only when a connection has no usable session can a
 * publish attempt wait on STS, and then the call timeout keeps it well inside the publisher's
 * deadline.
 */
public final class DefaultStsClientFactory implements StsClientFactory, SdkAutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final AwsCredentialsProvider errorbridgeCredentials;
  private final URI endpointOverride;
  private final SdkHttpClient httpClient;

  /** Clients for AWS's regional STS endpoints. */
  public DefaultStsClientFactory(AwsCredentialsProvider errorbridgeCredentials) {
    this(errorbridgeCredentials, null);
  }

  /**
   * @param errorbridgeCredentials Errorbridge's own identity (the runtime's role), which customers'
   *     trust policies allow
   * @param endpointOverride an STS endpoint to use instead of AWS's (local-aws), or {@code null}
   */
  public DefaultStsClientFactory(
      AwsCredentialsProvider errorbridgeCredentials, URI endpointOverride) {
    this.errorbridgeCredentials = errorbridgeCredentials;
    this.endpointOverride = endpointOverride;
    this.httpClient =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            .build();
  }

  @Override
  public StsClient create(Region region) {
    StsClientBuilder builder =
        StsClient.builder()
            .region(region)
            .credentialsProvider(errorbridgeCredentials)
            .httpClient(httpClient)
            .overrideConfiguration(
                o ->
                    o.apiCallTimeout(CALL_TIMEOUT).scheduledExecutorService(SdkScheduler.shared()));
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    return builder.build();
  }

  /** Closes the shared HTTP client; close the clients made first. */
  @Override
  public void close() {
    httpClient.close();
  }
}

package dev.errorbridge.connector.publish;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/**
 * A sync client on the JDK's URL connection (the quickest to start in a Lambda) with the SDK's
 * retries turned off: the publisher retries failed entries itself, and two retry layers would
 * multiply attempts and blow deadlines. Every client shares the HTTP client and {@link
 * SdkScheduler#shared()}, so a connection costs no threads of its own.
 */
public final class DefaultEventBridgeClientFactory implements EventBridgeClientFactory {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

  private final SdkHttpClient httpClient;

  public DefaultEventBridgeClientFactory() {
    this(
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            .build());
  }

  /** Shares one HTTP client (and its connection pool) across every destination's SDK client. */
  public DefaultEventBridgeClientFactory(SdkHttpClient httpClient) {
    this.httpClient = httpClient;
  }

  @Override
  public EventBridgeClient create(Destination destination) {
    EventBridgeClientBuilder builder =
        EventBridgeClient.builder()
            .region(destination.region())
            .credentialsProvider(destination.credentials())
            .httpClient(httpClient)
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(b -> b.maxAttempts(1))
                    .scheduledExecutorService(SdkScheduler.shared())
                    .build());
    if (destination.endpointOverride() != null) {
      builder.endpointOverride(destination.endpointOverride());
    }
    return builder.build();
  }
}

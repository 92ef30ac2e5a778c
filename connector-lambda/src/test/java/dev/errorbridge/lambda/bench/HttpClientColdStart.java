package dev.errorbridge.lambda.bench;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The HTTP client's share of a cold start, alone: in a fresh JVM, build the client (url-connection
 * or AWS CRT) and an EventBridge client on it, and put one event on local-aws's bus.
 *
 * <p>Usage: {@code HttpClientColdStart url|crt <endpoint> <launchEpochMillis>}; prints {@code
 * HTTP_CLIENT client=… ms=<launch to accepted event> build_ms=<client build> cpu_ms=…}.
 */
public final class HttpClientColdStart {
  private HttpClientColdStart() {}

  public static void main(String[] args) {
    String kind = args[0];
    URI endpoint = URI.create(args[1]);
    long launchedAt = Long.parseLong(args[2]);
    long start = System.currentTimeMillis();
    SdkHttpClient http =
        kind.equals("crt")
            ? AwsCrtHttpClient.builder().build()
            : UrlConnectionHttpClient.builder().build();
    long built = System.currentTimeMillis();
    PutEventsResponse response;
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(endpoint)
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClient(http)
            .build()) {
      response =
          events.putEvents(
              r ->
                  r.entries(
                      e ->
                          e.eventBusName("errors")
                              .source("errorbridge.bench")
                              .detailType("Workflow Execution Failed")
                              .detail("{\"bench\":true}")));
    }
    long done = System.currentTimeMillis();
    boolean ok = response.failedEntryCount() == 0;
    System.out.println(
        "HTTP_CLIENT client="
            + kind
            + " ok="
            + ok
            + " ms="
            + (done - launchedAt)
            + " build_ms="
            + (built - start)
            + " cpu_ms="
            + ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L));
    http.close();
    System.exit(ok ? 0 : 1);
  }
}

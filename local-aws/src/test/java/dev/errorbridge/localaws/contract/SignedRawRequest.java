package dev.errorbridge.localaws.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * Sends an AWS JSON 1.1 request signed by hand (as the AWS CLI does, with its own choice of signed
 * headers), so tests can sign at any instant or tamper with the request after signing.
 */
final class SignedRawRequest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SignedRawRequest() {}

  /** A signed request's parts, to send as they are or tampered with. */
  record Signed(URI uri, Map<String, List<String>> headers, String body) {
    HttpResponse<String> send() throws Exception {
      return send(body);
    }

    HttpResponse<String> send(String bodyToSend) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(bodyToSend));
      headers.forEach(
          (name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
              values.forEach(v -> request.header(name, v));
            }
          });
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  static Signed sign(
      URI endpoint,
      String region,
      String service,
      String target,
      String body,
      AwsBasicCredentials credentials,
      Instant signedAt) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath("/")
            .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort())
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", target)
            .build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(
                            HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
            .request();
    return new Signed(endpoint.resolve("/"), signed.headers(), body);
  }
}

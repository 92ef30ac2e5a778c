package dev.errorbridge.lambda;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never touches the network: every request is answered {@code 200 {}} in
 * memory. Priming builds throwaway SDK clients on it, so a call runs the SDK's whole pipeline
 * (endpoint rules, marshalling, SigV4 signing, interceptors, unmarshalling) and loads its classes,
 * yet reaches no service.
 */
final class PrimingHttpClient implements SdkHttpClient {
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("Content-Length", String.valueOf(EMPTY_OBJECT.length))
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_OBJECT)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public String clientName() {
    return "errorbridge-priming";
  }

  @Override
  public void close() {}
}

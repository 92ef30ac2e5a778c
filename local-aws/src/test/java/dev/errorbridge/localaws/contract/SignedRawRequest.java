package dev.errorbridge.localaws.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * Sends an AWS JSON 1.1 request signed the way the AWS CLI (botocore) signs it: SigV4 over {@code
 * content-type;host;x-amz-date;x-amz-target}, without the {@code x-amz-content-sha256} header the
 * Java SDK adds. The signature is computed here from the SigV4 specification, independently of any
 * SDK, so the server's verification is checked against a second implementation, at any instant, and
 * after tampering.
 */
final class SignedRawRequest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SignedRawRequest() {}

  /** A signed request's parts, to send as they are or with another body. */
  record Signed(URI uri, Map<String, String> headers, String body) {
    HttpResponse<String> send() throws Exception {
      return send(body);
    }

    HttpResponse<String> send(String bodyToSend) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(bodyToSend));
      headers.forEach(
          (name, value) -> {
            if (!name.equals("host")) {
              request.header(name, value);
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
      Instant signedAt)
      throws Exception {
    String amzDate = AMZ_DATE.format(signedAt);
    String day = amzDate.substring(0, 8);
    Map<String, String> headers = new TreeMap<>();
    headers.put("content-type", "application/x-amz-json-1.1");
    headers.put("host", endpoint.getHost() + ":" + endpoint.getPort());
    headers.put("x-amz-date", amzDate);
    headers.put("x-amz-target", target);
    StringBuilder canonicalHeaders = new StringBuilder();
    headers.forEach(
        (name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
    String signedHeaders = String.join(";", headers.keySet());
    String canonicalRequest =
        "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + sha256Hex(body);
    String scope = day + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    byte[] key =
        hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
    headers.put(
        "authorization",
        "AWS4-HMAC-SHA256 Credential="
            + credentials.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return new Signed(endpoint.resolve("/"), headers, body);
  }

  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }
}

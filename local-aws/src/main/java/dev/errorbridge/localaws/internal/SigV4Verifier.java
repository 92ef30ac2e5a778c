package dev.errorbridge.localaws.internal;

import dev.errorbridge.localaws.AccountCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Verifies AWS Signature Version 4 by recomputing the signature with the AWS SDK's own signer over
 * exactly the headers the client said it signed, at the instant the client said it signed them.
 *
 * <p>Errors mirror AWS: an unknown key is {@code UnrecognizedClientException}; a wrong signature
 * and an expired {@code X-Amz-Date} are both {@code InvalidSignatureException} (AWS's JSON services
 * use that code for {@code Signature expired} too), told apart by their messages.
 */
public final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @SuppressWarnings("deprecation")
  private static final Aws4Signer SIGNER = Aws4Signer.create();

  private final Function<String, AccountCredentials> credentialsByKeyId;
  private final Clock clock;
  private final Duration maxClockSkew;

  /**
   * @param credentialsByKeyId looks up a registered access key, or returns {@code null}
   * @param clock the server's clock, against which {@code X-Amz-Date} must be within {@code
   *     maxClockSkew}
   * @param maxClockSkew AWS allows 15 minutes
   */
  public SigV4Verifier(
      Function<String, AccountCredentials> credentialsByKeyId, Clock clock, Duration maxClockSkew) {
    this.credentialsByKeyId = credentialsByKeyId;
    this.clock = clock;
    this.maxClockSkew = maxClockSkew;
  }

  /** The parts of a request the signature covers. Header names are matched case-insensitively. */
  public record SignedHttpRequest(
      String method,
      String host,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {}

  /** What a verified signature proves: who signed, for which region and service. */
  public record Verified(AccountCredentials credentials, String region, String service) {}

  /** The credential scope a request claims, before (or without) verifying it. */
  public record Scope(String accessKeyId, String region, String service) {}

  /**
   * Reads the credential scope without checking the signature, for when verification is turned off.
   *
   * @throws AwsServiceException when the request carries no well-formed SigV4 {@code Authorization}
   */
  public static Scope scopeOf(SignedHttpRequest request) {
    String authorization = header(request, "Authorization");
    if (authorization == null) {
      throw AwsServiceException.clientError(
          "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    AuthorizationHeader parsed = AuthorizationHeader.parse(authorization);
    return new Scope(parsed.accessKeyId(), parsed.region(), parsed.service());
  }

  /**
   * Verifies the request's {@code Authorization} header.
   *
   * @throws AwsServiceException {@code MissingAuthenticationTokenException}, {@code
   *     IncompleteSignatureException}, {@code UnrecognizedClientException} or {@code
   *     InvalidSignatureException}
   */
  public Verified verify(SignedHttpRequest request) {
    String authorization = header(request, "Authorization");
    if (authorization == null) {
      throw AwsServiceException.clientError(
          "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    AuthorizationHeader parsed = AuthorizationHeader.parse(authorization);
    AccountCredentials credentials = credentialsByKeyId.apply(parsed.accessKeyId());
    if (credentials == null) {
      throw AwsServiceException.clientError(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    Instant signedAt = signedAt(request, parsed);
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(maxClockSkew) > 0) {
      throw AwsServiceException.clientError(
          "InvalidSignatureException",
          "Signature expired: "
              + AMZ_DATE.format(signedAt)
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(maxClockSkew))
              + " ("
              + AMZ_DATE.format(now)
              + " - "
              + maxClockSkew.toMinutes()
              + " min.)");
    }
    String expected = recomputeSignature(request, parsed, credentials, signedAt);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        parsed.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw AwsServiceException.clientError(
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check your AWS"
              + " Secret Access Key and signing method. Consult the service documentation for details.");
    }
    return new Verified(credentials, parsed.region(), parsed.service());
  }

  private static Instant signedAt(SignedHttpRequest request, AuthorizationHeader parsed) {
    String amzDate = header(request, "X-Amz-Date");
    if (amzDate == null) {
      throw AwsServiceException.clientError(
          "IncompleteSignatureException",
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    try {
      Instant instant = AMZ_DATE.parse(amzDate, Instant::from);
      if (!amzDate.startsWith(parsed.date())) {
        throw AwsServiceException.clientError(
            "InvalidSignatureException",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + parsed.date()
                + "' != '"
                + amzDate.substring(0, 8)
                + "'");
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw AwsServiceException.clientError(
          "IncompleteSignatureException", "X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z'.");
    }
  }

  /**
   * Recomputes the signature with the SDK's {@code Aws4Signer}, which signs exactly the headers it
   * is given. (The newer {@code AwsV4HttpSigner} always adds and signs {@code
   * x-amz-content-sha256}, which the AWS CLI does not send, so it cannot reproduce a CLI
   * signature.)
   */
  @SuppressWarnings("deprecation")
  private static String recomputeSignature(
      SignedHttpRequest request,
      AuthorizationHeader parsed,
      AccountCredentials credentials,
      Instant signedAt) {
    SdkHttpFullRequest.Builder unsigned =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method()))
            .uri(URI.create("http://" + request.host()))
            .encodedPath(request.rawPath())
            .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(request.body()));
    if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
      for (String pair : request.rawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        unsigned.appendRawQueryParameter(decode(name), decode(value));
      }
    }
    for (String name : parsed.signedHeaders()) {
      List<String> values = headerValues(request, name);
      if (values == null) {
        throw AwsServiceException.clientError(
            "InvalidSignatureException",
            "Signed header '" + name + "' is missing from the request.");
      }
      unsigned.putHeader(name, values);
    }
    Aws4SignerParams params =
        Aws4SignerParams.builder()
            .awsCredentials(
                AwsBasicCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey()))
            .signingName(parsed.service())
            .signingRegion(Region.of(parsed.region()))
            .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
            .build();
    SdkHttpFullRequest signed = SIGNER.sign(unsigned.build(), params);
    String recomputed =
        signed
            .firstMatchingHeader("Authorization")
            .orElseThrow(
                () -> new IllegalStateException("the SDK signer produced no Authorization"));
    return AuthorizationHeader.parse(recomputed).signature();
  }

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** The first value of a header, matched case-insensitively, or {@code null}. */
  public static String header(SignedHttpRequest request, String name) {
    List<String> values = headerValues(request, name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static List<String> headerValues(SignedHttpRequest request, String name) {
    for (Map.Entry<String, List<String>> entry : request.headers().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /**
   * {@code AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b,
   * Signature=hex}.
   */
  record AuthorizationHeader(
      String accessKeyId,
      String date,
      String region,
      String service,
      List<String> signedHeaders,
      String signature) {

    static AuthorizationHeader parse(String header) {
      if (!header.startsWith(ALGORITHM + " ")) {
        throw incomplete("Authorization header must use " + ALGORITHM + ".");
      }
      String credential = null;
      String signedHeaders = null;
      String signature = null;
      for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
        String trimmed = part.trim();
        int eq = trimmed.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String value = trimmed.substring(eq + 1);
        switch (trimmed.substring(0, eq)) {
          case "Credential" -> credential = value;
          case "SignedHeaders" -> signedHeaders = value;
          case "Signature" -> signature = value;
          default -> {
            // Unknown components are ignored, as AWS does.
          }
        }
      }
      if (credential == null || signedHeaders == null || signature == null) {
        throw incomplete(
            "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
      }
      String[] scope = credential.split("/");
      if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
        throw incomplete(
            "Credential should be scoped to a valid region, like 'us-east-1', and a terminator"
                + " 'aws4_request'.");
      }
      return new AuthorizationHeader(
          scope[0],
          scope[1],
          scope[2],
          scope[3],
          List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")),
          signature);
    }

    private static AwsServiceException incomplete(String message) {
      return AwsServiceException.clientError("IncompleteSignatureException", message);
    }
  }
}

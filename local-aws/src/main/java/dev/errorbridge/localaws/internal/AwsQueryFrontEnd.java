package dev.errorbridge.localaws.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.errorbridge.localaws.fault.Fault;
import dev.errorbridge.localaws.fault.FaultInjector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Query front end (STS): form-encoded requests without {@code X-Amz-Target}. Verifies the
 * signature, applies injected faults by {@code Action}, runs the action and answers XML, errors as
 * an {@code ErrorResponse} with the Query services' own codes ({@code InvalidClientTokenId} where
 * the JSON services say {@code UnrecognizedClientException}, and so on).
 */
public final class AwsQueryFrontEnd {
  private static final Logger LOG = LoggerFactory.getLogger(AwsQueryFrontEnd.class);

  /** A Query service's error code and status for one the shared code paths raise. */
  private record QueryError(String code, int httpStatus) {}

  private static final Map<String, QueryError> QUERY_ERRORS =
      Map.of(
          "UnrecognizedClientException", new QueryError("InvalidClientTokenId", 403),
          "InvalidSignatureException", new QueryError("SignatureDoesNotMatch", 403),
          "IncompleteSignatureException", new QueryError("IncompleteSignature", 400),
          "MissingAuthenticationTokenException", new QueryError("MissingAuthenticationToken", 403),
          "ExpiredTokenException", new QueryError("ExpiredToken", 400),
          "ThrottlingException", new QueryError("Throttling", 400),
          "InternalException", new QueryError("InternalFailure", 500),
          "ServiceUnavailableException", new QueryError("ServiceUnavailable", 503));

  private final AwsQueryService service;
  private final AwsHttpHandler.RequestAuthenticator authenticator;
  private final FaultInjector faults;
  private final ScheduledExecutorService delayer;
  private final Clock clock;

  public AwsQueryFrontEnd(
      AwsQueryService service,
      AwsHttpHandler.RequestAuthenticator authenticator,
      FaultInjector faults,
      ScheduledExecutorService delayer,
      Clock clock) {
    this.service = service;
    this.authenticator = authenticator;
    this.faults = faults;
    this.delayer = delayer;
    this.clock = clock;
  }

  /** Whether a request without {@code X-Amz-Target} is a Query-protocol form post. */
  static boolean accepts(HttpExchange exchange) {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  void handle(HttpExchange exchange, byte[] body) {
    String requestId = UUID.randomUUID().toString();
    try {
      Map<String, String> params = parameters(exchange.getRequestURI().getRawQuery(), body);
      SigV4Verifier.Verified verified =
          authenticator.authenticate(AwsHttpHandler.signedRequest(exchange, body));
      if (!service.signingName().equals(verified.service())) {
        throw AwsServiceException.clientError(
            "InvalidSignatureException",
            "Credential should be scoped to correct service: '" + service.signingName() + "'. ");
      }
      RequestContext context =
          new RequestContext(
              verified.credentials().accountId(),
              verified.region(),
              verified.credentials().accessKeyId(),
              clock.instant());
      String action = params.getOrDefault("Action", "");
      Duration latency = faults.takeLatency(action);
      if (latency.isZero()) {
        serve(exchange, action, params, context, requestId);
      } else {
        delayer.schedule(
            () -> serve(exchange, action, params, context, requestId),
            latency.toNanos(),
            TimeUnit.NANOSECONDS);
      }
    } catch (AwsServiceException e) {
      sendError(exchange, e, requestId);
    } catch (RuntimeException e) {
      LOG.error("local-aws failed to serve a Query request", e);
      sendError(
          exchange, new AwsServiceException("InternalFailure", 500, "local-aws: " + e), requestId);
    }
  }

  private void serve(
      HttpExchange exchange,
      String action,
      Map<String, String> params,
      RequestContext context,
      String requestId) {
    try {
      Fault fault = faults.takeRequestFault(action);
      if (fault != null && fault.kind() == Fault.Kind.DROP_CONNECTION) {
        exchange.close();
        return;
      }
      if (fault != null) {
        throw injectedError(fault);
      }
      String xml = service.handle(action, params, context, requestId);
      send(exchange, 200, xml, requestId);
    } catch (AwsServiceException e) {
      sendError(exchange, e, requestId);
    } catch (RuntimeException e) {
      LOG.error("local-aws failed action={}", action, e);
      sendError(
          exchange, new AwsServiceException("InternalFailure", 500, "local-aws: " + e), requestId);
    }
  }

  private static AwsServiceException injectedError(Fault fault) {
    if (fault.kind() == Fault.Kind.THROTTLE) {
      return new AwsServiceException("Throttling", 400, "Rate exceeded");
    }
    String code = fault.httpStatus() == 503 ? "ServiceUnavailable" : "InternalFailure";
    return new AwsServiceException(
        code, fault.httpStatus(), "Injected by local-aws: HTTP " + fault.httpStatus());
  }

  /** The query string's and the form body's parameters; the body wins on a repeated name. */
  static Map<String, String> parameters(String rawQuery, byte[] body) {
    Map<String, String> params = new LinkedHashMap<>();
    addPairs(params, rawQuery);
    addPairs(params, new String(body, StandardCharsets.UTF_8));
    return params;
  }

  private static void addPairs(Map<String, String> params, String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new AwsServiceException(
            "MalformedQueryString", 400, "The form parameter '" + name + "' is not URL-encoded.");
      }
    }
  }

  private void sendError(HttpExchange exchange, AwsServiceException error, String requestId) {
    QueryError renamed =
        QUERY_ERRORS.getOrDefault(
            error.errorType(), new QueryError(error.errorType(), error.httpStatus()));
    String xml =
        QueryXml.errorResponse(
            service.xmlNamespace(),
            renamed.httpStatus(),
            renamed.code(),
            error.getMessage(),
            requestId);
    send(exchange, renamed.httpStatus(), xml, requestId);
  }

  private static void send(HttpExchange exchange, int status, String xml, String requestId) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      LOG.debug("client went away before the response was written: {}", e.toString());
    }
  }
}

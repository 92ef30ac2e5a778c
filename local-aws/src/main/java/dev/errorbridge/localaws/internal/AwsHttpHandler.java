package dev.errorbridge.localaws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.errorbridge.localaws.fault.Fault;
import dev.errorbridge.localaws.fault.FaultInjector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.1 front end: verifies the signature, applies injected faults, routes {@code
 * X-Amz-Target} to its service and writes the response or the AWS-shaped error. {@code /_localaws/}
 * goes to the control API; a form post without {@code X-Amz-Target} (the AWS Query protocol, STS)
 * goes to the {@link AwsQueryFrontEnd}.
 */
public final class AwsHttpHandler implements HttpHandler {
  /**
   * Far above any valid PutEvents (10 entries of 1 MB); larger bodies are refused before parsing.
   */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(AwsHttpHandler.class);
  private static final String JSON_11 = "application/x-amz-json-1.1";

  private final Map<String, AwsJsonService> servicesByPrefix;
  private final RequestAuthenticator authenticator;
  private final FaultInjector faults;
  private final ScheduledExecutorService delayer;
  private final Clock clock;
  private final HttpHandler controlApi;
  private final AwsQueryFrontEnd queryFrontEnd;

  /**
   * Turns a request into who signed it; either SigV4 verification or, when that is off, a fixed
   * account.
   */
  @FunctionalInterface
  public interface RequestAuthenticator {
    SigV4Verifier.Verified authenticate(SigV4Verifier.SignedHttpRequest request);
  }

  public AwsHttpHandler(
      Map<String, AwsJsonService> servicesByPrefix,
      RequestAuthenticator authenticator,
      FaultInjector faults,
      ScheduledExecutorService delayer,
      Clock clock,
      HttpHandler controlApi,
      AwsQueryFrontEnd queryFrontEnd) {
    this.servicesByPrefix = Map.copyOf(servicesByPrefix);
    this.authenticator = authenticator;
    this.faults = faults;
    this.delayer = delayer;
    this.clock = clock;
    this.controlApi = controlApi;
    this.queryFrontEnd = queryFrontEnd;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getRawPath().startsWith("/_localaws/")) {
      controlApi.handle(exchange);
      return;
    }
    try {
      byte[] body = readBody(exchange);
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (target == null && AwsQueryFrontEnd.accepts(exchange)) {
        queryFrontEnd.handle(exchange, body);
        return;
      }
      int dot = target == null ? -1 : target.indexOf('.');
      AwsJsonService service = dot < 0 ? null : servicesByPrefix.get(target.substring(0, dot));
      if (service == null) {
        throw AwsServiceException.clientError(
            "UnknownOperationException",
            "X-Amz-Target must name AWSEvents.<Operation>, TrentService.<Operation> or"
                + " AmazonSQS.<Operation>; got "
                + target);
      }
      String operation = target.substring(dot + 1);
      SigV4Verifier.Verified verified = authenticator.authenticate(signedRequest(exchange, body));
      if (!service.signingName().equals(verified.service())) {
        throw AwsServiceException.clientError(
            "InvalidSignatureException",
            "Credential should be scoped to correct service: '" + service.signingName() + "'.");
      }
      RequestContext context =
          new RequestContext(
              verified.credentials().accountId(),
              verified.region(),
              verified.credentials().accessKeyId(),
              clock.instant());
      Duration latency = faults.takeLatency(operation);
      if (latency.isZero()) {
        serve(exchange, service, operation, body, context);
      } else {
        delayer.schedule(
            () -> serve(exchange, service, operation, body, context),
            latency.toNanos(),
            TimeUnit.NANOSECONDS);
      }
    } catch (AwsServiceException e) {
      sendError(exchange, e);
    } catch (RuntimeException e) {
      LOG.error("local-aws failed to serve a request", e);
      sendError(exchange, new AwsServiceException("InternalException", 500, "local-aws: " + e));
    }
  }

  private void serve(
      HttpExchange exchange,
      AwsJsonService service,
      String operation,
      byte[] body,
      RequestContext context) {
    try {
      Fault fault = faults.takeRequestFault(operation);
      if (fault != null && fault.kind() == Fault.Kind.DROP_CONNECTION) {
        // Closing before the response headers makes the JDK server close the TCP connection.
        exchange.close();
        return;
      }
      if (fault != null) {
        throw injectedError(fault);
      }
      JsonNode response = service.handle(operation, parseObject(body), context);
      send(exchange, 200, response.toString().getBytes(StandardCharsets.UTF_8), null);
    } catch (AwsServiceException e) {
      sendError(exchange, e);
    } catch (RuntimeException e) {
      LOG.error("local-aws failed operation={}", operation, e);
      sendError(exchange, new AwsServiceException("InternalException", 500, "local-aws: " + e));
    }
  }

  private static AwsServiceException injectedError(Fault fault) {
    if (fault.kind() == Fault.Kind.THROTTLE) {
      return AwsServiceException.clientError("ThrottlingException", "Rate exceeded");
    }
    String type = fault.httpStatus() == 503 ? "ServiceUnavailableException" : "InternalException";
    return new AwsServiceException(
        type, fault.httpStatus(), "Injected by local-aws: HTTP " + fault.httpStatus());
  }

  private static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(body);
      if (parsed instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // answered below
    } catch (IOException e) {
      throw new IllegalStateException("reading an in-memory body cannot fail", e);
    }
    throw AwsServiceException.clientError(
        "SerializationException", "Start of structure or map found where not expected.");
  }

  static SigV4Verifier.SignedHttpRequest signedRequest(HttpExchange exchange, byte[] body) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    return new SigV4Verifier.SignedHttpRequest(
        exchange.getRequestMethod(),
        host != null ? host : exchange.getLocalAddress().getHostString(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(),
        body);
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new AwsServiceException(
            "RequestEntityTooLargeException",
            413,
            "Request body exceeds " + MAX_BODY_BYTES + " bytes.");
      }
      return body;
    }
  }

  static void sendError(HttpExchange exchange, AwsServiceException error) {
    ObjectNode body =
        Json.object().put("__type", error.errorType()).put("message", error.getMessage());
    send(
        exchange,
        error.httpStatus(),
        body.toString().getBytes(StandardCharsets.UTF_8),
        error.errorType());
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String errorType) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", JSON_11);
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      if (errorType != null) {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      LOG.debug("client went away before the response was written: {}", e.toString());
    }
  }
}

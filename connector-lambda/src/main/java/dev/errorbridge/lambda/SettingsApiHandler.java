package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.inbound.Incidents;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.ApiResponse;
import dev.errorbridge.connector.settings.api.SettingsApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * The settings API ({@code openapi/settings-api.yaml}) behind an IAM-authorised API Gateway HTTP
 * API (payload format 2.0): turns the event into an {@link ApiRequest} for {@link SettingsApi} and
 * its answer back into the response. The caller's tenant comes from the IAM identity API Gateway
 * verified, never from anything the client sends (see {@link IamCallers}: a role named {@code
 * errorbridge-tenant-<tenantId>}); an identity that maps to no tenant gets 403.
 *
 * <p>Lambda handler: {@code dev.errorbridge.lambda.SettingsApiHandler::handleRequest}; it reads the
 * event and writes the response itself ({@link LambdaJson}).
 */
public final class SettingsApiHandler implements RequestStreamHandler {
  static {
    LambdaEnvironment.configureLogging(); // before any logger is created
  }

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  private static final Logger LOG = LoggerFactory.getLogger(SettingsApiHandler.class);

  private final SettingsApi api;
  private final IamCallers callers;
  // Held so that the CRaC context's weak reference keeps it (see Priming).
  private final Priming priming;

  /**
   * Lambda's constructor: wires everything from the environment (see {@link LambdaEnvironment}).
   */
  public SettingsApiHandler() {
    this(LambdaEnvironment.system());
  }

  private SettingsApiHandler(LambdaEnvironment environment) {
    // Arguments run left to right: the warm-up starts before the object graph is built.
    this(
        Warmup.start(environment, "settings-api", Primers.independent(environment.region())),
        environment.components(),
        environment.region(),
        environment.tenantRolePrefix());
  }

  SettingsApiHandler(ConnectorComponents components, Region region, String tenantRolePrefix) {
    this(Warmup.none(), components, region, tenantRolePrefix);
  }

  private SettingsApiHandler(
      Warmup warmup, ConnectorComponents components, Region region, String tenantRolePrefix) {
    this.api = components.settingsApi();
    this.callers = new IamCallers(tenantRolePrefix);
    this.priming =
        Priming.register(
            "settings-api",
            warmup,
            List.of(
                Primers.errorbridgeClients(region),
                Primers.settingsApi(api),
                () -> handle(PrimingEvents.settingsRequest())));
  }

  /**
   * Answers every input in the proxy response shape: an event that is not payload 2.0, or not an
   * event, gets 400 naming why ({@link HttpEventReader}).
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    LambdaJson.writeHttpResponse(output, handle(input.readAllBytes()));
  }

  /** Answers the invocation's bytes; never throws. */
  APIGatewayV2HTTPResponse handle(byte[] input) {
    HttpEventReader.Read read;
    try {
      read = HttpEventReader.read(input);
    } catch (RuntimeException e) {
      return HttpEvents.incident(Incidents.record(LOG, "settings API event", e));
    }
    if (read instanceof HttpEventReader.Read.Refused refused) {
      HttpEventReader.log(LOG, "settings API", refused.refusal());
      return HttpEvents.response(
          400,
          JSON,
          LambdaJson.problem(
              refused.refusal().error(),
              refused.refusal().message(),
              refused.refusal().problems()));
    }
    return handle(((HttpEventReader.Read.Event) read).event());
  }

  /**
   * Answers one event; a fault of the handler itself is logged once with an incident id and
   * answered 500 with it (nothing a client sends is such a fault).
   */
  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    try {
      return answer(event);
    } catch (RuntimeException e) {
      return HttpEvents.incident(
          Incidents.record(LOG, "settings API " + HttpEvents.method(event), e));
    }
  }

  private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
    String path = HttpEvents.path(event);
    Optional<Caller> caller = callers.callerOf(event);
    if (caller.isEmpty() && !path.equals("/openapi.yaml")) {
      return HttpEvents.response(
          403,
          JSON,
          "{\"error\":\"Forbidden\",\"message\":\"this IAM identity maps to no tenant: call with a"
              + " session of the role errorbridge-tenant-<tenantId> in the API's account\"}");
    }
    byte[] body;
    try {
      body = HttpEvents.body(event);
    } catch (IllegalArgumentException e) {
      return HttpEvents.response(
          400, JSON, "{\"error\":\"BadRequest\",\"message\":\"the body is not valid base64\"}");
    }
    ApiResponse response =
        api.handle(
            new ApiRequest(
                HttpEvents.method(event),
                path,
                HttpEvents.firstValues(HttpEvents.query(event)),
                HttpEvents.firstValues(HttpEvents.headers(event)),
                body,
                caller.orElse(null)));
    return HttpEvents.response(response.status(), response.headers(), response.body());
  }

  /** Runs the priming steps now, as SnapStart would before its snapshot; returns the failures. */
  int prime() {
    return priming.prime();
  }
}

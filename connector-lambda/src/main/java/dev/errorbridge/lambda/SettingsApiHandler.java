package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.settings.Caller;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.ApiResponse;
import dev.errorbridge.connector.settings.api.SettingsApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The settings API ({@code openapi/settings-api.yaml}) behind an IAM-authorised API Gateway HTTP
 * API (payload format 2.0): turns the event into an {@link ApiRequest} for {@link SettingsApi} and
 * its answer back into the response. The caller's tenant comes from the IAM identity API Gateway
 * verified, never from anything the client sends (see {@link IamCallers}: a role named {@code
 * errorbridge-tenant-<tenantId>}); an identity that maps to no tenant gets 403.
 *
 * <p>Lambda handler: {@code dev.errorbridge.lambda.SettingsApiHandler::handleRequest}.
 */
public final class SettingsApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

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
    this(environment.components(), environment.settings().region(), environment.tenantRolePrefix());
  }

  SettingsApiHandler(ConnectorComponents components, Region region, String tenantRolePrefix) {
    this.api = components.settingsApi();
    this.callers = new IamCallers(tenantRolePrefix);
    this.priming =
        Priming.register(
            "settings-api",
            List.of(
                Primers.errorbridgeClients(region),
                Primers.settingsApi(api),
                () -> handleRequest(PrimingEvents.settingsRequest(), null)));
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
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

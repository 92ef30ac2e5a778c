package dev.errorbridge.connector.settings.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.connection.ConnectionAlreadyExistsException;
import dev.errorbridge.connector.connection.ConnectionConflictException;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.inbound.Incidents;
import dev.errorbridge.connector.inbound.RequestMethods;
import dev.errorbridge.connector.partner.PartnerSourceCallFailedException;
import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.settings.ConnectionInvalidException;
import dev.errorbridge.connector.store.PageCursorInvalidException;
import dev.errorbridge.connector.store.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into JSON error responses {@code {"error", "message", "problems"?}}. Messages of
 * the service's own exceptions are written to be shown (they never carry secrets); anything
 * unexpected is logged with an id and answered with that id only.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /**
   * @param what the request as logs name it ({@code GET /connections/{id}}), for an incident
   */
  ApiResponse toResponse(RuntimeException e, String what) {
    if (e instanceof ConnectionInvalidException invalid) {
      ObjectNode body = body("InvalidConnection", invalid.getMessage());
      ArrayNode problems = body.putArray("problems");
      for (FieldProblem p : invalid.problems()) {
        problems.addObject().put("field", p.field()).put("message", p.message());
      }
      return SettingsApi.json(400, body);
    }
    if (e instanceof ApiRequestRejectedException rejected) {
      return rejected.field() == null
          ? problem(rejected.status(), rejected.code(), rejected.getMessage())
          : problem(rejected.status(), rejected.code(), rejected.getMessage(), rejected.field());
    }
    if (e instanceof ConnectionNotFoundException) {
      return problem(404, "ConnectionNotFound", e.getMessage());
    }
    if (e instanceof ConnectionConflictException) {
      return problem(409, "VersionConflict", e.getMessage());
    }
    if (e instanceof ConnectionAlreadyExistsException) {
      return problem(409, "ConnectionExists", e.getMessage());
    }
    if (e instanceof PageCursorInvalidException) {
      return problem(400, "InvalidCursor", "cursor " + e.getMessage(), "cursor");
    }
    if (e instanceof SecretCipherException cipher) {
      LOG.warn("KMS refused a secret operation: {}", cipher.getMessage());
      return problem(
          503,
          "SecretsUnavailable",
          "Errorbridge cannot encrypt or decrypt secrets right now (KMS "
              + cipher.kmsErrorCode()
              + "); "
              + (cipher.keyUnavailable()
                  ? "the operator must re-enable the KMS key or fix its policy"
                  : "try again shortly"));
    }
    if (e instanceof PartnerSourceCallFailedException partner) {
      LOG.warn("partner event source call failed: {}", partner.getMessage());
      return partner.retryable()
          ? new ApiResponse(
              503,
              Map.of("Content-Type", "application/json", "Retry-After", "5"),
              body("PartnerEventSourceUnavailable", partner.getMessage()).toString())
          : problem(502, "PartnerEventSourceRefused", partner.getMessage());
    }
    if (e instanceof StoreUnavailableException store && store.retryable()) {
      LOG.warn("settings store unavailable: {}", store.getMessage());
      return new ApiResponse(
          503,
          Map.of("Content-Type", "application/json", "Retry-After", "2"),
          body("StoreUnavailable", "the settings store is busy or unreachable; retry shortly")
              .toString());
    }
    String incident = Incidents.record(LOG, "settings API " + what, e);
    ObjectNode body = body("InternalError", Incidents.message(incident));
    body.put("incident", incident);
    return SettingsApi.json(500, body);
  }

  static ApiResponse problem(int status, String code, String message) {
    return SettingsApi.json(status, body(code, message));
  }

  /** A problem about one parameter or field, listed in {@code problems} too. */
  static ApiResponse problem(int status, String code, String message, String field) {
    ObjectNode body = body(code, message);
    body.putArray("problems").addObject().put("field", field).put("message", message);
    return SettingsApi.json(status, body);
  }

  static ApiResponse methodNotAllowed(String method, String... allowed) {
    return new ApiResponse(
        405,
        Map.of("Content-Type", "application/json", "Allow", String.join(", ", allowed)),
        body("MethodNotAllowed", RequestMethods.notAllowed(method, List.of(allowed))).toString());
  }

  private static ObjectNode body(String code, String message) {
    ObjectNode node = SettingsApi.object();
    node.put("error", code);
    node.put("message", message);
    return node;
  }
}

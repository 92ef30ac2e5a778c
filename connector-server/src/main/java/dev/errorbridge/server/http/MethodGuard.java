package dev.errorbridge.server.http;

import dev.errorbridge.connector.inbound.RequestMethods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides about a request's method before Javalin sees it, in Jetty's handler chain: a request that
 * carries a method-override header gets 400, one whose path no route serves gets 404, one whose
 * method (matched exactly: {@code post} is not {@code POST}) the path does not serve gets 405 with
 * {@code Allow}; only the rest reach Javalin.
 *
 * <p>This is the depth the fix belongs at: Javalin's {@code Context.method()} reads {@code
 * X-HTTP-Method-Override} (routing a {@code GET} that carries {@code DELETE} to the DELETE route)
 * and turns the method into a {@code HandlerType} that refuses anything but {@code A-Z} with an
 * {@code IllegalArgumentException}, thrown while Javalin builds its tasks, outside any exception
 * mapper: Jetty then answered 500 with an empty body and logged a stack trace, for any route. A
 * refusal here is the client's mistake and logs one DEBUG line.
 */
final class MethodGuard extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(MethodGuard.class);

  private final RouteTable routes;

  MethodGuard(RouteTable routes) {
    this.routes = routes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    Optional<String> override = RequestMethods.overrideHeader(request.getHeaders()::get);
    if (override.isPresent()) {
      refuse(
          response,
          callback,
          400,
          "MethodOverrideRefused",
          RequestMethods.overrideRefused(override.get()),
          null);
      LOG.debug("refused a method override header={}", override.get());
      return true;
    }
    Set<String> allowed = routes.methods(request.getHttpURI().getPath());
    if (allowed.isEmpty()) {
      refuse(response, callback, 404, "NotFound", "no such resource; see GET /openapi.yaml", null);
      return true;
    }
    if (!allowed.contains(method)) {
      List<String> methods = List.copyOf(allowed);
      refuse(
          response,
          callback,
          405,
          "MethodNotAllowed",
          RequestMethods.notAllowed(method, methods),
          String.join(", ", methods));
      LOG.debug("refused a method not served here allowed={}", methods);
      return true;
    }
    return super.handle(request, response, callback);
  }

  private static void refuse(
      Response response,
      Callback callback,
      int status,
      String error,
      String message,
      String allow) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (allow != null) {
      response.getHeaders().put(HttpHeader.ALLOW, allow);
    }
    byte[] body = Problems.json(error, message).getBytes(StandardCharsets.UTF_8);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}

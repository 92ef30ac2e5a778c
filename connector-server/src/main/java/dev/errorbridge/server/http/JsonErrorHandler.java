package dev.errorbridge.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it cannot parse: a malformed URI, headers too large, a bad
 * method token) in the server's problem shape instead of an HTML page, never with a stack or the
 * cause's text.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, body(code), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return body(status);
  }

  private static ByteBuffer body(int status) {
    String reason = HttpStatus.getMessage(status);
    String message =
        status >= 500
            ? "the server failed to handle the request; retry later"
            : "the request is malformed (" + reason + "); check its URI, method and headers";
    return ByteBuffer.wrap(
        Problems.json(reason.replace(" ", ""), message).getBytes(StandardCharsets.UTF_8));
  }
}

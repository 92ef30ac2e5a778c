package dev.errorbridge.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK's client will not send: any method token
 * (lower case, unknown), any header (Host, override headers), any bytes as the path. One request
 * per connection ({@code Connection: close}), read to the end.
 */
public final class RawHttp {
  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** A response: status, headers (names lower-cased, last value wins) and body as text. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends one request.
   *
   * @param target the request target as sent, e.g. {@code /connections?limit=1}
   * @param headers header lines as sent, each {@code Name: value}
   */
  public Response send(String method, String target, List<String> headers, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(
          (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
      for (String header : headers) {
        request.writeBytes((header + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      byte[] payload = body == null ? new byte[0] : body;
      if (body != null) {
        request.writeBytes(
            ("Content-Length: " + payload.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      request.writeBytes(payload);
      OutputStream out = socket.getOutputStream();
      out.write(request.toByteArray());
      out.flush();
      return parse(socket.getInputStream().readAllBytes(), method);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Declares {@code declaredLength} body bytes, sends fewer, then closes its side: a client that
   * stops sending. The answer, if the server sends one before closing, else {@code null}.
   */
  public Response sendTruncated(
      String method, String target, List<String> headers, int declaredLength, byte[] sent) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder head =
          new StringBuilder(
              method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
      headers.forEach(h -> head.append(h).append("\r\n"));
      head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(sent);
      out.flush();
      socket.shutdownOutput();
      byte[] answer = socket.getInputStream().readAllBytes();
      return answer.length == 0 ? null : parse(answer, method);
    } catch (IOException e) {
      return null; // the server reset the connection: no answer, which is all the test reads
    }
  }

  private static Response parse(byte[] raw, String method) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response head in " + raw.length + " bytes");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    if (status >= 100 && status < 200) {
      // An interim answer (100 Continue): the final one follows.
      byte[] rest = text.substring(end + 4).getBytes(StandardCharsets.UTF_8);
      return parse(rest, method);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, method.equals("HEAD") ? "" : body);
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      // Sizes count bytes; bodies here are JSON text, ASCII in practice.
      body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }
}

package dev.errorbridge.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 keep-alive client for load generation: writes pre-serialised requests and
 * reads responses framed by {@code Content-Length}. Nothing else (no chunking, no redirects) is
 * needed to talk to local-aws, and it costs a fraction of a general client's CPU.
 */
final class RawHttpConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  record Response(int status, byte[] body) {}

  RawHttpConnection(URI endpoint) throws IOException {
    socket = new Socket(endpoint.getHost(), endpoint.getPort());
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  /** Serialises a POST / with the given (signed) headers and body. */
  static byte[] serialize(URI endpoint, Map<String, List<String>> headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
    head.append("Host: ")
        .append(endpoint.getHost())
        .append(':')
        .append(endpoint.getPort())
        .append("\r\n");
    headers.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("host")) {
            values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
          }
        });
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + bytes.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
    return request;
  }

  Response exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String statusLine = readLine();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int contentLength = 0;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        contentLength = Integer.parseInt(line.substring(15).trim());
      }
    }
    return new Response(status, in.readNBytes(contentLength));
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-response");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A response streamed as JSON lines ({@code application/x-ndjson}): {@code progress} lines while a
 * long operation runs, then one {@code summary} (or {@code error}) line. The status (200) is sent
 * with the first line, so failures before it still get a proper HTTP status.
 */
public final class JsonLines {
  /** The message of the exception a write to a client that closed the connection throws. */
  static final String CLIENT_GONE = "the client went away";

  private final Context ctx;
  private OutputStream out;

  JsonLines(Context ctx) {
    this.ctx = ctx;
  }

  /** A new line object of {@code type}. */
  public static ObjectNode line(String type) {
    return Problems.JSON.createObjectNode().put("type", type);
  }

  /** Writes and flushes one line. */
  public synchronized void write(ObjectNode line) {
    try {
      if (out == null) {
        ctx.status(200);
        ctx.res().setContentType("application/x-ndjson");
        out = ctx.res().getOutputStream();
      }
      out.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(CLIENT_GONE, e);
    }
  }

  /** Whether a line was sent (so errors must be sent as lines too). */
  public synchronized boolean started() {
    return out != null;
  }
}

package dev.errorbridge.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body byte-exact, never more than a limit: a declared {@code Content-Length} over
 * the limit is refused before reading, and a chunked body is refused as soon as it passes the
 * limit, so an oversized request costs at most the limit in memory.
 */
final class BoundedBody {
  private BoundedBody() {}

  /**
   * The body, or empty when it is larger than {@code limit} bytes.
   *
   * @throws IOException if the client stops sending
   */
  static Optional<byte[]> read(Context ctx, int limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      return Optional.empty();
    }
    InputStream in = ctx.req().getInputStream();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared > 0 ? (int) declared : Math.min(limit, 8_192));
    byte[] buffer = new byte[8_192];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      total += read;
      if (total > limit) {
        return Optional.empty();
      }
      out.write(buffer, 0, read);
    }
    return Optional.of(out.toByteArray());
  }
}

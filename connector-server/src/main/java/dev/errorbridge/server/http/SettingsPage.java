package dev.errorbridge.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The settings page: {@code GET /} and its files under {@code /page/} (HTML, CSS and JavaScript
 * modules from the jar's {@code page/} folder, no build step). The page is one more client of the
 * settings API on the same origin, with the operator token in {@code Authorization}: nothing is
 * kept for it here.
 *
 * <p>Every answer carries {@link #CONTENT_SECURITY_POLICY}: scripts, styles and requests from this
 * origin only, no inline script or style, no framing, no form submission (the page submits with
 * {@code fetch}, so a form can never put the token into a URL).
 */
final class SettingsPage {
  /** The policy of the page and its files. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** Where the files are on the class path. */
  static final String FOLDER = "/page/";

  // One flat folder: no slashes, so a name can never leave it.
  private static final Pattern FILE = Pattern.compile("[a-z][a-z0-9-]{0,60}\\.(html|js|css|svg)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml");

  // Only files that exist: remembering misses would let any request grow the map.
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  /** {@code GET /}. */
  void index(Context ctx) {
    serve(ctx, "index.html");
  }

  /** {@code GET /page/{file}}. */
  void file(Context ctx) {
    String name = ctx.pathParam("file");
    if (!FILE.matcher(name).matches() || name.equals("index.html")) {
      Problems.write(ctx, 404, "NotFound", "no such page file");
      return;
    }
    serve(ctx, name);
  }

  private void serve(Context ctx, String name) {
    byte[] body = files.get(name);
    if (body == null) {
      Optional<byte[]> read = read(name);
      if (read.isEmpty()) {
        Problems.write(ctx, 404, "NotFound", "no such page file");
        return;
      }
      body = read.get();
      files.put(name, body);
    }
    secure(ctx);
    // Revalidated on every load, so a new server version shows at once.
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
    ctx.result(body);
  }

  /** The security headers of every page answer. */
  private static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
  }

  private static Optional<byte[]> read(String name) {
    try (InputStream in = SettingsPage.class.getResourceAsStream(FOLDER + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the page file " + name, e);
    }
  }
}

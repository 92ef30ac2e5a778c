package dev.errorbridge.server.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which methods each path of the HTTP surface serves, from the routes registered with Javalin: the
 * {@link MethodGuard} answers 405 (with {@code Allow}) or 404 from it before Javalin sees a
 * request. Paths match as Javalin matches them: {@code {name}} is one non-empty segment, a trailing
 * slash is ignored.
 */
final class RouteTable {
  private record Pattern(String[] segments, String method) {}

  private final List<Pattern> patterns = new ArrayList<>();

  RouteTable(List<HttpApi.Route> routes) {
    for (HttpApi.Route route : routes) {
      patterns.add(new Pattern(segments(route.path()), route.method().name()));
    }
  }

  /** The methods some route serves at {@code path} (raw, as received), in registration order. */
  Set<String> methods(String path) {
    String[] segments = segments(path);
    Set<String> methods = new LinkedHashSet<>();
    for (Pattern pattern : patterns) {
      if (matches(pattern.segments(), segments)) {
        methods.add(pattern.method());
      }
    }
    return methods;
  }

  private static boolean matches(String[] pattern, String[] path) {
    if (path == null || pattern.length != path.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      boolean parameter = pattern[i].startsWith("{") && pattern[i].endsWith("}");
      if (path[i].isEmpty() || (!parameter && !pattern[i].equals(path[i]))) {
        return false;
      }
    }
    return true;
  }

  /** The path's segments ({@code /a/b/} is {@code [a, b]}), or {@code null} if not absolute. */
  private static String[] segments(String path) {
    if (path == null || !path.startsWith("/")) {
      return null;
    }
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.equals("/") ? new String[0] : trimmed.substring(1).split("/", -1);
  }
}

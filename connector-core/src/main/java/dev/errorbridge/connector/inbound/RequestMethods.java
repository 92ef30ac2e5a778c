package dev.errorbridge.connector.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Errorbridge's rules for a request's method, the same on every transport: the method is matched
 * exactly, since RFC 9110 (section 9.1) makes method names case-sensitive ({@code post} is not
 * {@code POST}, and a proxy that allows only some methods compares them exactly too); and no header
 * that asks to change the method ({@link #OVERRIDE_HEADERS}) is ever honoured, since it would let a
 * request a proxy allowed as {@code GET} act as a {@code DELETE}. Such a request is refused rather
 * than served under its real method, so the client learns that its override did nothing.
 */
public final class RequestMethods {
  /** Headers some frameworks read to replace the request's method; Errorbridge reads none. */
  public static final List<String> OVERRIDE_HEADERS =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  // RFC 9110 section 5.6.2 token characters; anything else is not echoed back.
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");

  private RequestMethods() {}

  /**
   * The first method-override header the request carries, by its canonical name.
   *
   * @param header looks a header up by name, case-insensitively; {@code null} when absent
   */
  public static Optional<String> overrideHeader(Function<String, String> header) {
    for (String name : OVERRIDE_HEADERS) {
      if (header.apply(name) != null) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** What to tell a client that sent {@code header}. */
  public static String overrideRefused(String header) {
    return header
        + " is not honoured: send the request with the method itself (e.g. DELETE), without "
        + String.join(", ", OVERRIDE_HEADERS);
  }

  /**
   * What to tell a client whose {@code method} is not one of {@code allowed} (exact, upper-case
   * names), naming the right spelling when it differs only in case.
   */
  public static String notAllowed(String method, List<String> allowed) {
    String shown = TOKEN.matcher(method == null ? "" : method).matches() ? method : "this method";
    String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (!upper.equals(method)) {
      String rule = "HTTP method names are case-sensitive (RFC 9110, section 9.1)";
      return allowed.contains(upper)
          ? "method " + shown + " is not " + upper + ": " + rule + "; send " + upper
          : "method "
              + shown
              + " is not allowed here ("
              + rule
              + "); use "
              + String.join(", ", allowed);
    }
    return "method " + shown + " is not allowed here; use " + String.join(", ", allowed);
  }
}

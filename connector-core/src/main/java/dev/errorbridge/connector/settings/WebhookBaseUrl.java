package dev.errorbridge.connector.settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a deployment's webhooks are reached from outside: the absolute URL that {@code
 * webhooks/<connectionId>} is appended to, so that the settings API can show a customer a URL to
 * copy into their platform. It is validated when read, and every problem is named: an absolute
 * {@code https} URL (plain {@code http} only on a loopback host, for a deployment on the customer's
 * own machine; elsewhere it would send webhook signatures and platform tokens in clear text) with a
 * host, and no user info, query or fragment, which would be copied into every webhook URL. The path
 * is kept (a stage, or a reverse proxy's prefix) and always ends with {@code /}.
 *
 * @param uri the base, ending with {@code /}
 */
public record WebhookBaseUrl(URI uri) {
  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
  private static final Pattern LOOPBACK_IPV4 =
      Pattern.compile("127\\." + OCTET + "\\." + OCTET + "\\." + OCTET);

  /**
   * @throws IllegalArgumentException naming every problem of {@code uri}
   */
  public WebhookBaseUrl {
    List<String> problems = problems("the webhook base URL", uri);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    uri = withTrailingSlash(uri);
  }

  /**
   * Reads the setting {@code name}.
   *
   * @param value its value; {@code null} or blank when it is not set
   * @param problems where each problem is added, naming {@code name} and the fix
   * @return the base, or {@code null} when unset or invalid
   */
  public static WebhookBaseUrl read(String name, String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      problems.add(name + " must be an absolute URL, e.g. https://hooks.example.com/");
      return null;
    }
    List<String> found = problems(name, uri);
    if (!found.isEmpty()) {
      problems.addAll(found);
      return null;
    }
    return new WebhookBaseUrl(uri);
  }

  /** {@code <base>webhooks/<connectionId>}; connection ids are URL-safe as they are. */
  public URI forConnection(String connectionId) {
    return URI.create(uri + "webhooks/" + connectionId);
  }

  @Override
  public String toString() {
    return uri.toString();
  }

  private static List<String> problems(String name, URI uri) {
    List<String> problems = new ArrayList<>();
    if (uri == null) {
      problems.add(name + " is required");
      return problems;
    }
    if (!uri.isAbsolute() || uri.isOpaque()) {
      problems.add(name + " must be an absolute URL, e.g. https://hooks.example.com/");
      return problems;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null) {
      problems.add(name + " must name a host, e.g. https://hooks.example.com/");
    }
    if (scheme.equals("http")) {
      if (host != null && !loopback(host)) {
        problems.add(
            name
                + " must use https: plain http is allowed only for a loopback host (localhost,"
                + " 127.0.0.1, [::1]), since webhooks carry signatures and tokens");
      }
    } else if (!scheme.equals("https")) {
      problems.add(name + " must be an https URL, e.g. https://hooks.example.com/");
    }
    if (uri.getRawUserInfo() != null) {
      problems.add(
          name + " must not carry user info (user:password@): it would be in every webhook URL");
    }
    if (uri.getRawQuery() != null) {
      problems.add(
          name + " must not have a query (?…): webhooks/<connectionId> is appended to its path");
    }
    if (uri.getRawFragment() != null) {
      problems.add(name + " must not have a fragment (#…)");
    }
    return problems;
  }

  /**
   * Whether {@code host} is a loopback address, read from the text alone (no name is resolved):
   * {@code localhost} and its subdomains (RFC 6761, section 6.3), 127.0.0.0/8 and {@code [::1]}.
   */
  private static boolean loopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    if (LOOPBACK_IPV4.matcher(name).matches()) {
      return true;
    }
    if (!name.startsWith("[")) {
      return false;
    }
    try {
      // In brackets, the JDK parses an IPv6 literal and never looks the text up.
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static URI withTrailingSlash(URI uri) {
    String text = uri.toString();
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
      return URI.create(text + "/");
    }
    return text.endsWith("/") ? uri : URI.create(text + "/");
  }
}

package dev.errorbridge.connector.settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the platform base URLs users enter against server-side request forgery: Errorbridge calls
 * them with the user's API key from inside the operator's network, so a URL pointing at loopback, a
 * private network, a link-local address or the cloud metadata service would let a user read what
 * only the operator should reach. Only {@code https} URLs pass whose host is written in a form
 * every program reads the same way ({@link HostForms}: no {@code 0177.0.0.1}, {@code 127.1} or
 * {@code [::ffff:127.0.0.1]}) and resolves to no special-purpose address ({@link
 * SpecialPurposeAddresses}: IANA's registries, with the IPv4 address inside NAT64 and 6to4
 * addresses checked too), unless the operator allow-lists the host or a network (for self-hosted
 * platforms on a private network, or a test double on loopback; allow-listed hosts may also use
 * {@code http}).
 *
 * <p>{@link #check} runs when a connection is saved; {@link #checkHost} runs before each platform
 * request (through {@link dev.errorbridge.connector.source.http.GuardedHttpClient}), so a host that
 * later re-resolves to a private address (DNS rebinding) gets no request and no API key.
 */
public final class BaseUrlPolicy {
  private final HostResolver resolver;
  private final Set<String> allowedHosts;
  private final List<Cidr> allowedNetworks;

  private BaseUrlPolicy(HostResolver resolver, Set<String> allowedHosts, List<Cidr> networks) {
    this.resolver = resolver;
    this.allowedHosts = allowedHosts;
    this.allowedNetworks = networks;
  }

  /** Public hosts over https only, resolved by the system resolver. */
  public static BaseUrlPolicy strict() {
    return new BaseUrlPolicy(HostResolver.SYSTEM, Set.of(), List.of());
  }

  /**
   * A policy with operator exceptions.
   *
   * @param resolver how host names are resolved
   * @param allowedHosts host names allowed whatever they resolve to (case-insensitive)
   * @param allowedNetworks CIDR blocks (e.g. {@code 10.20.0.0/16}) allowed even though private
   */
  public static BaseUrlPolicy of(
      HostResolver resolver, Set<String> allowedHosts, List<String> allowedNetworks) {
    List<Cidr> networks = new ArrayList<>();
    for (String cidr : allowedNetworks) {
      networks.add(Cidr.parse(cidr));
    }
    Set<String> hosts =
        allowedHosts.stream()
            .map(h -> h.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return new BaseUrlPolicy(Objects.requireNonNull(resolver, "resolver"), hosts, networks);
  }

  /**
   * Checks one URL, when a connection is saved.
   *
   * @return what is wrong and how to fix it, or empty if the URL may be called
   */
  public Optional<String> check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a URL; use e.g. https://api.example.com/v1");
    }
    String host = uri.getHost();
    if (uri.getScheme() != null && host == null && uri.getRawAuthority() != null) {
      // java.net.URI takes 127.1 or 0x7f.1 for a registry name, not a host: say what it is.
      String form = HostForms.problem(authorityHost(uri.getRawAuthority()));
      if (form != null) {
        return Optional.of("host " + authorityHost(uri.getRawAuthority()) + " " + form);
      }
    }
    if (uri.getScheme() == null || host == null) {
      return Optional.of("must be an absolute URL with a host, e.g. https://api.example.com/v1");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("must not carry credentials in the URL; put the API key in source.apiKey");
    }
    if (allowedHost(host)) {
      return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
          ? Optional.empty()
          : Optional.of("must use https (or http for an allow-listed host)");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.of("must use https; got " + uri.getScheme() + "://");
    }
    return hostProblem(host, "", true);
  }

  /**
   * Checks a host as a client is about to call it, with the rules {@link #check} applies when a
   * connection is saved (the host's form, and where it resolves now: a DNS answer may have changed
   * since).
   *
   * @param host the host as a URI gives it (an IPv6 literal in brackets)
   * @return why the host may not be called now, or empty (also when it does not resolve: the
   *     client's own lookup then fails with its own error)
   */
  public Optional<String> checkHost(String host) {
    if (allowedHost(host)) {
      return Optional.empty();
    }
    return hostProblem(host, "now ", false);
  }

  private static String authorityHost(String authority) {
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
  }

  private boolean allowedHost(String host) {
    return allowedHosts.contains(bare(host).toLowerCase(Locale.ROOT));
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private Optional<String> hostProblem(String host, String when, boolean mustResolve) {
    String form = HostForms.problem(host);
    if (form != null) {
      return Optional.of("host " + host + " " + form);
    }
    String bareHost = bare(host);
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(bareHost);
    } catch (UnknownHostException e) {
      return mustResolve
          ? Optional.of("host " + bareHost + " does not resolve; check the spelling")
          : Optional.empty();
    }
    for (InetAddress address : addresses) {
      Optional<String> problem = checkAddress(address);
      if (problem.isPresent()) {
        return Optional.of("host " + bareHost + " " + when + problem.get());
      }
    }
    return Optional.empty();
  }

  /**
   * Checks one resolved address against the special-purpose registries (see {@link
   * SpecialPurposeAddresses}), unless an allow-listed network holds it.
   *
   * @return why it may not be called, or empty
   */
  public Optional<String> checkAddress(InetAddress address) {
    for (Cidr network : allowedNetworks) {
      if (network.contains(address.getAddress())) {
        return Optional.empty();
      }
    }
    String kind = SpecialPurposeAddresses.forbiddenKind(address);
    return kind == null
        ? Optional.empty()
        : Optional.of(
            "resolves to "
                + address.getHostAddress()
                + ", "
                + kind
                + " address, which Errorbridge does not call; use the platform's public URL, or ask"
                + " the operator to allow-list this host or network");
  }
}

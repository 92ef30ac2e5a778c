package dev.errorbridge.connector.settings;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
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
 * only the operator should reach. Only {@code https} URLs whose host resolves to public addresses
 * pass, unless the operator allow-lists the host or a network (for self-hosted platforms on a
 * private network, or a test double on loopback; allow-listed hosts may also use {@code http}).
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
   * Checks one URL.
   *
   * @return what is wrong and how to fix it, or empty if the URL may be called
   */
  public Optional<String> check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return Optional.of("is not a URL; use e.g. https://api.example.com/v1");
    }
    String host = uri.getHost();
    if (uri.getScheme() == null || host == null) {
      return Optional.of("must be an absolute URL with a host, e.g. https://api.example.com/v1");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("must not carry credentials in the URL; put the API key in source.apiKey");
    }
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT))) {
      return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
          ? Optional.empty()
          : Optional.of("must use https (or http for an allow-listed host)");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.of("must use https; got " + uri.getScheme() + "://");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(bareHost);
    } catch (UnknownHostException e) {
      return Optional.of("host " + bareHost + " does not resolve; check the spelling");
    }
    for (InetAddress address : addresses) {
      Optional<String> problem = checkAddress(address);
      if (problem.isPresent()) {
        return Optional.of("host " + bareHost + " " + problem.get());
      }
    }
    return Optional.empty();
  }

  /**
   * Checks where a host resolves now, for a client about to call it: the same rules as {@link
   * #check} applies when a connection is saved, for a DNS answer that may have changed since.
   *
   * @return why the host may not be called now, or empty (also when it does not resolve: the
   *     client's own lookup then fails with its own error)
   */
  public Optional<String> checkHost(String host) {
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(bareHost);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      Optional<String> problem = checkAddress(address);
      if (problem.isPresent()) {
        return Optional.of("host " + bareHost + " now " + problem.get());
      }
    }
    return Optional.empty();
  }

  /**
   * Checks one resolved address.
   *
   * @return why it may not be called, or empty
   */
  public Optional<String> checkAddress(InetAddress address) {
    for (Cidr network : allowedNetworks) {
      if (network.contains(address)) {
        return Optional.empty();
      }
    }
    String kind = forbiddenKind(address);
    return kind == null
        ? Optional.empty()
        : Optional.of(
            "resolves to "
                + kind
                + " address "
                + address.getHostAddress()
                + ", which Errorbridge does not call; use the platform's public URL, or ask the"
                + " operator to allow-list this host");
  }

  private static String forbiddenKind(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      if (isIpv4Mapped(b)) {
        try {
          return forbiddenKind(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException impossible) {
          return "an unparseable";
        }
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "a unique-local (fc00::/7)"; // includes AWS's IPv6 metadata endpoint fd00:ec2::254
      }
    }
    if (address.isLoopbackAddress()) {
      return "a loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "an unspecified";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local (incl. the 169.254.169.254 metadata service)";
    }
    if (address.isSiteLocalAddress()) {
      return "a private";
    }
    if (address.isMulticastAddress()) {
      return "a multicast";
    }
    if (address instanceof Inet4Address v4) {
      byte[] b = v4.getAddress();
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 100 && second >= 64 && second <= 127) {
        return "a carrier-grade NAT (100.64.0.0/10)";
      }
      if (first == 0 || first >= 240) {
        return "a reserved";
      }
    }
    return null;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  /** An allow-listed network. */
  private record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("network must be CIDR like 10.0.0.0/8, was " + text);
      }
      try {
        byte[] address = InetAddress.getByName(text.substring(0, slash)).getAddress();
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > address.length * 8) {
          throw new IllegalArgumentException("prefix out of range in " + text);
        }
        return new Cidr(address, prefix);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("network must be CIDR like 10.0.0.0/8, was " + text, e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}

package dev.errorbridge.connector.settings;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Refuses host names whose form programs read differently, before anything resolves them. An IPv4
 * address may be written only as four decimal numbers without leading zeros: {@code 0177.0.0.1} is
 * 127.0.0.1 to curl and glibc (octal) but 177.0.0.1 to the JDK; {@code 0x7f.1}, {@code 127.1} and
 * {@code 2130706433} are 127.0.0.1 to some parsers and a name to others. Following the WHATWG URL
 * standard, a host whose last label is a number (decimal, or hexadecimal with 0x) is an IPv4
 * address, never a DNS name. An IPv6 literal may not be an IPv4-mapped one ({@code
 * [::ffff:127.0.0.1]}, which the JDK silently turns into IPv4) or carry a zone ({@code %eth0}).
 */
final class HostForms {
  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
  private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

  private HostForms() {}

  /**
   * What is wrong with the form of {@code host} (as a URI gives it, IPv6 in brackets), or {@code
   * null} if it is a DNS name, a canonical IPv4 address or a plain IPv6 literal.
   */
  static String problem(String host) {
    if (host.startsWith("[")) {
      return ipv6Problem(host.substring(1, host.length() - 1));
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String last = name.substring(name.lastIndexOf('.') + 1);
    if (!NUMBER.matcher(last).matches()) {
      return null; // a DNS name: top-level labels are never numeric (RFC 3696, section 2)
    }
    if (host.endsWith(".") || !CANONICAL_IPV4.matcher(name).matches()) {
      return "is an IPv4 address in a non-canonical form (leading zeros, hexadecimal, fewer than"
          + " four parts or a trailing dot), which programs read as different addresses; write"
          + " four decimal numbers from 0 to 255 without leading zeros";
    }
    return null;
  }

  private static String ipv6Problem(String literal) {
    if (literal.contains("%")) {
      return "is an IPv6 address with a zone; use a global address without %zone";
    }
    if (!literal.contains(":")) {
      return "is not an IPv6 address";
    }
    try {
      if (InetAddress.getByName(literal) instanceof Inet4Address) {
        return "is an IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291); write the IPv4 address"
            + " itself";
      }
    } catch (UnknownHostException e) {
      return "is not an IPv6 address";
    }
    return null;
  }
}

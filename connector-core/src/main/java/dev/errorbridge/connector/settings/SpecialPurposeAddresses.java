package dev.errorbridge.connector.settings;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses Errorbridge never sends a platform request to: every block of IANA's IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and the RFCs each entry names; reviewed against the
 * registries as of 2025), IPv4 multicast, and every IPv6 address outside global unicast (2000::/3,
 * RFC 4291). A few registry blocks are globally reachable anycast services (PCP, TURN, AS112, AMT):
 * no workflow platform's API lives there, so they are refused too.
 *
 * <p>Two translation prefixes carry an IPv4 address inside: the NAT64 well-known prefix
 * 64:ff9b::/96 (RFC 6052, used by DNS64 to reach IPv4-only hosts from IPv6-only networks) and 6to4
 * 2002::/16 (RFC 3056). Their embedded IPv4 address is checked by the IPv4 rules, so 64:ff9b::a9fe:
 * a9fe (the metadata service through NAT64) is refused while a public host through DNS64 is not.
 * The local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215) is refused whole: where the IPv4 address
 * sits depends on the prefix length its operator chose, so it cannot be checked.
 */
final class SpecialPurposeAddresses {
  /** What to do with an address in a block. */
  private enum Rule {
    REFUSE,
    /** Check the IPv4 address in bytes 12-15 (NAT64 /96). */
    CHECK_LAST_32_BITS,
    /** Check the IPv4 address in bytes 2-5 (6to4). */
    CHECK_BITS_16_TO_48
  }

  private record Block(Cidr cidr, String name, Rule rule) {
    boolean contains(byte[] address) {
      return cidr.contains(address);
    }
  }

  // Most specific first: the first block that contains an address names it.
  private static final List<Block> IPV4 =
      List.of(
          refuse(
              "255.255.255.255/32", "the limited broadcast (255.255.255.255, RFC 919, RFC 8190)"),
          refuse("0.0.0.0/8", "a \"this network\" (0.0.0.0/8, RFC 791, RFC 1122)"),
          refuse("10.0.0.0/8", "a private-use (10.0.0.0/8, RFC 1918)"),
          refuse("100.64.0.0/10", "a shared carrier-grade NAT (100.64.0.0/10, RFC 6598)"),
          refuse("127.0.0.0/8", "a loopback (127.0.0.0/8, RFC 1122)"),
          refuse(
              "169.254.0.0/16",
              "a link-local (169.254.0.0/16, RFC 3927; incl. the 169.254.169.254 metadata"
                  + " service)"),
          refuse("172.16.0.0/12", "a private-use (172.16.0.0/12, RFC 1918)"),
          // 192.0.0.0/24 holds DS-Lite (192.0.0.0/29, RFC 7335), the dummy address (192.0.0.8,
          // RFC 7600), PCP and TURN anycast (192.0.0.9, RFC 7723; 192.0.0.10, RFC 8155) and NAT64
          // discovery (192.0.0.170-171, RFC 7050, RFC 8880).
          refuse("192.0.0.0/24", "an IETF protocol assignment (192.0.0.0/24, RFC 6890)"),
          refuse("192.0.2.0/24", "a documentation (TEST-NET-1, 192.0.2.0/24, RFC 5737)"),
          refuse("192.31.196.0/24", "an AS112 (192.31.196.0/24, RFC 7535)"),
          refuse("192.52.193.0/24", "an AMT relay anycast (192.52.193.0/24, RFC 7450)"),
          refuse(
              "192.88.99.0/24",
              "a deprecated 6to4 relay anycast (192.88.99.0/24, RFC 3068, RFC 7526)"),
          refuse("192.168.0.0/16", "a private-use (192.168.0.0/16, RFC 1918)"),
          refuse("192.175.48.0/24", "an AS112 direct delegation (192.175.48.0/24, RFC 7534)"),
          refuse("198.18.0.0/15", "a benchmarking (198.18.0.0/15, RFC 2544)"),
          refuse("198.51.100.0/24", "a documentation (TEST-NET-2, 198.51.100.0/24, RFC 5737)"),
          refuse("203.0.113.0/24", "a documentation (TEST-NET-3, 203.0.113.0/24, RFC 5737)"),
          // Not in the special-purpose registry but never a unicast server: IANA's IPv4 address
          // space registry.
          refuse("224.0.0.0/4", "a multicast (224.0.0.0/4, RFC 5771)"),
          refuse("240.0.0.0/4", "a reserved (240.0.0.0/4, RFC 1112)"));

  private static final List<Block> IPV6 =
      List.of(
          refuse("::/128", "the unspecified (::, RFC 4291)"),
          refuse("::1/128", "the loopback (::1, RFC 4291)"),
          refuse("::ffff:0:0/96", "an IPv4-mapped (::ffff:0:0/96, RFC 4291)"),
          refuse("::ffff:0:0:0/96", "an IPv4-translated (::ffff:0:0:0/96, RFC 2765)"),
          refuse("::/96", "a deprecated IPv4-compatible (::/96, RFC 4291, section 2.5.5.1)"),
          block("64:ff9b::/96", "a NAT64 (64:ff9b::/96, RFC 6052)", Rule.CHECK_LAST_32_BITS),
          refuse("64:ff9b:1::/48", "a local-use NAT64 (64:ff9b:1::/48, RFC 8215)"),
          refuse("100::/64", "a discard-only (100::/64, RFC 6666)"),
          refuse("2001::/32", "a Teredo (2001::/32, RFC 4380)"),
          // 2001::/23 holds PCP, TURN and DNS-SD SRP anycast (2001:1::1-3, RFC 7723, RFC 8155,
          // RFC 9665), benchmarking (2001:2::/48, RFC 5180), AMT (2001:3::/32, RFC 7450), AS112
          // (2001:4:112::/48, RFC 7535), ORCHID (2001:10::/28, RFC 4843; 2001:20::/28, RFC 7343)
          // and drone remote ID tags (2001:30::/28, RFC 9374).
          refuse("2001::/23", "an IETF protocol assignment (2001::/23, RFC 2928)"),
          refuse("2001:db8::/32", "a documentation (2001:db8::/32, RFC 3849)"),
          block("2002::/16", "a 6to4 (2002::/16, RFC 3056)", Rule.CHECK_BITS_16_TO_48),
          refuse("2620:4f:8000::/48", "an AS112 direct delegation (2620:4f:8000::/48, RFC 7534)"),
          refuse("3fff::/20", "a documentation (3fff::/20, RFC 9637)"),
          refuse("5f00::/16", "a segment routing SID (5f00::/16, RFC 9602)"),
          refuse(
              "fc00::/7",
              "a unique-local (fc00::/7, RFC 4193; incl. the fd00:ec2::254 metadata service)"),
          refuse("fe80::/10", "a link-local (fe80::/10, RFC 4291)"),
          refuse("fec0::/10", "a deprecated site-local (fec0::/10, RFC 3879)"),
          refuse("ff00::/8", "a multicast (ff00::/8, RFC 4291)"));

  private static final Block GLOBAL_UNICAST = block("2000::/3", "global unicast", Rule.REFUSE);

  private SpecialPurposeAddresses() {}

  /**
   * Why {@code address} may not be called, as {@code "a loopback (127.0.0.0/8, RFC 1122)"}, or
   * {@code null} if it is an ordinary public address.
   */
  static String forbiddenKind(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      Block block = first(IPV4, bytes);
      return block == null ? null : block.name();
    }
    Block block = first(IPV6, bytes);
    if (block == null) {
      return GLOBAL_UNICAST.contains(bytes)
          ? null
          : "a non-global-unicast (outside 2000::/3, RFC 4291)";
    }
    return switch (block.rule()) {
      case REFUSE -> block.name();
      case CHECK_LAST_32_BITS -> embedded(block, Arrays.copyOfRange(bytes, 12, 16));
      case CHECK_BITS_16_TO_48 -> embedded(block, Arrays.copyOfRange(bytes, 2, 6));
    };
  }

  private static String embedded(Block block, byte[] ipv4) {
    Block inner = first(IPV4, ipv4);
    return inner == null ? null : block.name() + " address for " + text(ipv4) + ", " + inner.name();
  }

  private static Block first(List<Block> blocks, byte[] address) {
    for (Block block : blocks) {
      if (block.contains(address)) {
        return block;
      }
    }
    return null;
  }

  private static String text(byte[] ipv4) {
    return (ipv4[0] & 0xff)
        + "."
        + (ipv4[1] & 0xff)
        + "."
        + (ipv4[2] & 0xff)
        + "."
        + (ipv4[3] & 0xff);
  }

  private static Block refuse(String cidr, String name) {
    return block(cidr, name, Rule.REFUSE);
  }

  private static Block block(String cidr, String name, Rule rule) {
    int slash = cidr.indexOf('/');
    try {
      // Literals only: getByAddress semantics, no lookup. Kept as 16 bytes for IPv6 blocks, which
      // getByName would turn into IPv4 for ::ffff:0:0/96.
      byte[] prefix = literal(cidr.substring(0, slash));
      return new Block(new Cidr(prefix, Integer.parseInt(cidr.substring(slash + 1))), name, rule);
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static byte[] literal(String text) throws UnknownHostException {
    if (text.contains(":")) {
      if (text.equals("::ffff:0:0")) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        return mapped;
      }
      byte[] bytes = InetAddress.getByName(text).getAddress();
      if (bytes.length != 16) {
        throw new UnknownHostException("not an IPv6 prefix: " + text);
      }
      return bytes;
    }
    return InetAddress.getByName(text).getAddress();
  }
}

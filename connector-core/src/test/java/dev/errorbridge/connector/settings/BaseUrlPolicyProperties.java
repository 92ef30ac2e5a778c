package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The base URL rules over generated hosts: no input makes them throw; no IPv4 address passes in a
 * form other programs read differently; NAT64 and 6to4 addresses get their embedded IPv4 address's
 * verdict; the pre-request check agrees with the save-time check.
 */
class BaseUrlPolicyProperties {
  // Names resolve to an address picked by their hash, special ones included.
  private static final List<String> ANSWERS =
      List.of("8.8.8.8", "10.0.0.1", "169.254.169.254", "2606:4700::1", "fd00:ec2::254", "1.1.1.1");
  private final BaseUrlPolicy policy =
      BaseUrlPolicy.of(
          host -> {
            if (host.contains(":")
                || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
              return List.of(InetAddress.getByName(host));
            }
            return List.of(
                InetAddress.getByName(ANSWERS.get(Math.floorMod(host.hashCode(), ANSWERS.size()))));
          },
          Set.of(),
          List.of());

  @Property(tries = 1000)
  void check_forAnyUrl_answersWithoutThrowing(@ForAll("urls") String url) {
    Optional<String> problem = policy.check(url);

    problem.ifPresent(p -> assertThat(p).isNotBlank());
  }

  @Property(tries = 1000)
  void check_forAnyIpv4NotWrittenAsFourPlainDecimals_refuses(
      @ForAll("nonCanonicalIpv4") String host) {
    assertThat(policy.check("https://" + host + "/v1")).isPresent();
  }

  @Property(tries = 1000)
  void check_forAnyIpv4InAJdkSpecialClass_refuses(
      @ForAll @IntRange(max = 255) int a,
      @ForAll @IntRange(max = 255) int b,
      @ForAll @IntRange(max = 255) int c,
      @ForAll @IntRange(max = 255) int d)
      throws UnknownHostException {
    InetAddress address =
        InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    boolean special =
        address.isLoopbackAddress()
            || address.isLinkLocalAddress()
            || address.isSiteLocalAddress()
            || address.isAnyLocalAddress()
            || address.isMulticastAddress();

    if (special) {
      assertThat(policy.check("https://" + a + "." + b + "." + c + "." + d + "/")).isPresent();
    }
  }

  @Property(tries = 1000)
  void check_forNat64And6to4_givesTheEmbeddedIpv4AddressesVerdict(
      @ForAll @IntRange(max = 255) int a,
      @ForAll @IntRange(max = 255) int b,
      @ForAll @IntRange(max = 255) int c,
      @ForAll @IntRange(max = 255) int d) {
    boolean ipv4Refused =
        policy.check("https://" + a + "." + b + "." + c + "." + d + "/").isPresent();
    String high = Integer.toHexString(a << 8 | b);
    String low = Integer.toHexString(c << 8 | d);

    assertThat(policy.check("https://[64:ff9b::" + high + ":" + low + "]/").isPresent())
        .isEqualTo(ipv4Refused);
    assertThat(policy.check("https://[2002:" + high + ":" + low + "::1]/").isPresent())
        .isEqualTo(ipv4Refused);
  }

  @Property(tries = 1000)
  void checkHost_forAnyHost_agreesWithTheSaveTimeCheck(@ForAll("hosts") String host) {
    Optional<String> saved = policy.check("https://" + host + "/");
    if (saved.isPresent() && saved.get().startsWith("must be an absolute URL")) {
      return; // not a host java.net.URI accepts: no client could send a request to it
    }

    assertThat(policy.checkHost(host).isPresent()).as(host).isEqualTo(saved.isPresent());
  }

  @Provide
  Arbitrary<String> urls() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(60),
        hosts().map(h -> "https://" + h + "/v1"),
        Combinators.combine(Arbitraries.of("http", "https", "ftp", "HTTPS", ""), hosts())
            .as((scheme, host) -> scheme + "://user:pw@" + host + ":443/x?y#z"));
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.oneOf(
        nonCanonicalIpv4(),
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(o -> String.join(".", o.stream().map(String::valueOf).toList())),
        Arbitraries.integers()
            .between(0, 0xffff)
            .list()
            .ofSize(8)
            .map(g -> "[" + String.join(":", g.stream().map(Integer::toHexString).toList()) + "]"),
        Arbitraries.of(
            "[::ffff:127.0.0.1]",
            "[::127.0.0.1]",
            "[64:ff9b::a9fe:a9fe]",
            "[64:ff9b:1::a9fe:a9fe]",
            "[2001::1]",
            "[fe80::1%25eth0]",
            "198.18.0.1",
            "api.dify.ai",
            "localhost",
            "a..b",
            "-x.example"),
        Arbitraries.strings().withChars("abcz019.-").ofMinLength(1).ofMaxLength(20));
  }

  /** An IPv4 address written any way but four plain decimals. */
  @Provide
  Arbitrary<String> nonCanonicalIpv4() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    Arbitrary<String> leadingZero = octet.map(o -> "0" + o);
    Arbitrary<String> hex = octet.map(o -> "0x" + Integer.toHexString(o));
    Arbitrary<String> plain = octet.map(String::valueOf);
    Arbitrary<String> odd = Arbitraries.oneOf(leadingZero, hex);
    Arbitrary<String> fourWithOneOdd =
        Combinators.combine(plain.list().ofSize(3), odd, Arbitraries.integers().between(0, 3))
            .as(
                (three, bad, at) -> {
                  List<String> parts = new java.util.ArrayList<>(three);
                  parts.add(at, bad);
                  return String.join(".", parts);
                });
    Arbitrary<String> fewerParts =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 0xffffffffL).map(String::valueOf),
            Arbitraries.longs().between(0, 0xffffffffL).map(n -> "0x" + Long.toHexString(n)),
            Combinators.combine(plain, Arbitraries.integers().between(0, 0xffffff))
                .as((x, rest) -> x + "." + rest),
            Combinators.combine(plain, plain, Arbitraries.integers().between(0, 0xffff))
                .as((x, y, rest) -> x + "." + y + "." + rest));
    Arbitrary<String> trailingDot =
        plain.list().ofSize(4).map(parts -> String.join(".", parts) + ".");
    return Arbitraries.oneOf(fourWithOneOdd, fewerParts, trailingDot);
  }
}

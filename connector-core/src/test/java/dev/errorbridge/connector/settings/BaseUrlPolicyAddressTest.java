package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.testing.FakeDns;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14's base URL cases and IANA's special-purpose registries, entry by entry: each is refused
 * at save time ({@link BaseUrlPolicy#check}) and before a request ({@link
 * BaseUrlPolicy#checkHost}), naming the block and its RFC.
 */
class BaseUrlPolicyAddressTest {
  private final BaseUrlPolicy strict = BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0177.0.0.1",
        "0x7f.0.0.1",
        "0x7f.1",
        "127.1",
        "127.0.1",
        "2130706433",
        "0",
        "017700000001",
        "127.0.0.01",
        "127.000.000.001",
        "8.8.8.8.",
        "1.2.3.0x4",
        "999.1.1.1",
        "1.2.3.4.5"
      })
  void check_whenIpv4WrittenNonCanonically_refusesWithTheFix(String host) {
    assertThat(strict.check("https://" + host + "/v1"))
        .hasValueSatisfying(p -> assertThat(p).contains("non-canonical", "four decimal numbers"));
    assertThat(strict.checkHost(host)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[::ffff:127.0.0.1]", "[::ffff:8.8.8.8]", "[::ffff:7f00:1]"})
  void check_whenIpv4MappedLiteral_refusesAndAsksForTheIpv4Address(String host) {
    assertThat(strict.check("https://" + host + "/"))
        .hasValueSatisfying(p -> assertThat(p).contains("IPv4-mapped", "write the IPv4 address"));
    assertThat(strict.checkHost(host)).isPresent();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // IPv4 Special-Purpose Address Registry, plus multicast.
        "0.0.0.0|RFC 1122",
        "0.1.2.3|RFC 1122",
        "10.1.2.3|RFC 1918",
        "100.64.0.1|RFC 6598",
        "127.0.0.1|RFC 1122",
        "169.254.169.254|RFC 3927",
        "172.31.255.255|RFC 1918",
        "192.0.0.1|RFC 6890",
        "192.0.0.9|RFC 6890",
        "192.0.0.170|RFC 6890",
        "192.0.2.10|RFC 5737",
        "192.31.196.1|RFC 7535",
        "192.52.193.1|RFC 7450",
        "192.88.99.1|RFC 7526",
        "192.168.0.1|RFC 1918",
        "192.175.48.1|RFC 7534",
        "198.18.0.1|RFC 2544",
        "198.19.255.254|RFC 2544",
        "198.51.100.7|RFC 5737",
        "203.0.113.7|RFC 5737",
        "224.0.0.1|RFC 5771",
        "239.255.255.250|RFC 5771",
        "240.0.0.1|RFC 1112",
        "255.255.255.255|RFC 919",
        // IPv6 Special-Purpose Address Registry, and everything outside global unicast.
        "[::]|RFC 4291",
        "[::1]|RFC 4291",
        "[::127.0.0.1]|RFC 4291",
        "[::8.8.8.8]|RFC 4291",
        "[::ffff:0:7f00:1]|RFC 2765",
        "[64:ff9b::a9fe:a9fe]|RFC 3927",
        "[64:ff9b::7f00:1]|RFC 1122",
        "[64:ff9b::a00:1]|RFC 1918",
        "[64:ff9b:1::808:808]|RFC 8215",
        "[100::1]|RFC 6666",
        "[2001::1]|RFC 4380",
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]|RFC 4380",
        "[2001:1::1]|RFC 2928",
        "[2001:2::1]|RFC 2928",
        "[2001:20::1]|RFC 2928",
        "[2001:db8::1]|RFC 3849",
        "[2002:7f00:1::1]|RFC 1122",
        "[2002:a9fe:a9fe::1]|RFC 3927",
        "[2620:4f:8000::1]|RFC 7534",
        "[3fff::1]|RFC 9637",
        "[5f00::1]|RFC 9602",
        "[fc00::1]|RFC 4193",
        "[fd00:ec2::254]|RFC 4193",
        "[fe80::1]|RFC 4291",
        "[fec0::1]|RFC 3879",
        "[ff02::1]|RFC 4291",
        "[4000::1]|2000::/3"
      })
  void check_whenHostIsASpecialPurposeAddress_refusesNamingItsRegistryEntry(
      String host, String reference) {
    assertThat(strict.check("https://" + host + "/"))
        .hasValueSatisfying(
            p -> assertThat(p).contains(reference).contains("does not call", "allow-list"));
    assertThat(strict.checkHost(host))
        .hasValueSatisfying(p -> assertThat(p).contains("now resolves to", reference));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "104.18.10.10",
        "1.1.1.1",
        "[2606:4700::6810:a0a]",
        "[64:ff9b::808:808]",
        "[2002:808:808::1]",
        "api.dify.ai"
      })
  void check_whenPublicAddressOrName_passes(String host) {
    assertThat(strict.check("https://" + host + "/v1")).isEmpty();
    assertThat(strict.checkHost(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"123.example.com", "api.0x7f.example", "1.2.3.4.example"})
  void check_whenNameHasNumericLabelsButNotLast_isANameAndPasses(String host)
      throws UnknownHostException {
    BaseUrlPolicy policy =
        BaseUrlPolicy.of(name -> List.of(InetAddress.getByName("8.8.8.8")), Set.of(), List.of());

    assertThat(policy.check("https://" + host + "/")).isEmpty();
    assertThat(policy.checkHost(host)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"198.18.0.0/15,198.18.0.1", "64:ff9b::/96,[64:ff9b::a9fe:a9fe]"})
  void check_whenOperatorAllowListsTheNetwork_passes(String network, String host) {
    BaseUrlPolicy lab = BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of(network));

    assertThat(lab.check("https://" + host + "/")).isEmpty();
    assertThat(lab.checkHost(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lab.test", "0177.0.0.1"})
  void check_whenOperatorAllowListsTheHost_passesWhateverItsForm(String host)
      throws UnknownHostException {
    BaseUrlPolicy lab =
        BaseUrlPolicy.of(
            name -> List.of(InetAddress.getByName("10.9.9.9")), Set.of(host), List.of());

    assertThat(lab.check("http://" + host + "/")).isEmpty();
    assertThat(lab.checkHost(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"good.example", "evil.example"})
  void checkHost_whenNameResolvesToNat64OfMetadata_refuses(String name) {
    BaseUrlPolicy policy =
        BaseUrlPolicy.of(
            host -> List.of(InetAddress.getByName("64:ff9b::a9fe:a9fe")), Set.of(), List.of());

    assertThat(policy.checkHost(name))
        .hasValueSatisfying(p -> assertThat(p).contains("NAT64", "169.254.169.254", "metadata"));
  }
}

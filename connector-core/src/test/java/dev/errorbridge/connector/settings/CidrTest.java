package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void contains_whenTheLeadingBitsMatch_true() throws Exception {
    Cidr network = Cidr.parse("172.16.0.0/12");

    assertThat(network.contains(bytes("172.16.0.1"))).isTrue();
    assertThat(network.contains(bytes("172.31.255.255"))).isTrue();
    assertThat(network.contains(bytes("172.32.0.0"))).isFalse();
  }

  @Test
  void contains_whenTheAddressIsOfTheOtherIpVersion_false() throws Exception {
    assertThat(Cidr.parse("0.0.0.0/0").contains(bytes("::1"))).isFalse();
    assertThat(Cidr.parse("::/0").contains(bytes("10.0.0.1"))).isFalse();
  }

  @Test
  void contains_whenThePrefixIsZero_everyAddressOfItsVersion() throws Exception {
    assertThat(Cidr.parse("0.0.0.0/0").contains(bytes("203.0.113.9"))).isTrue();
  }

  @Test
  void parse_whenNotCidr_namesTheExpectedForm() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("network must be CIDR like 10.0.0.0/8, was 10.0.0.0");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix out of range in 10.0.0.0/33");
  }

  private static byte[] bytes(String literal) throws Exception {
    return InetAddress.getByName(literal).getAddress();
  }
}

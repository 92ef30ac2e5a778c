package dev.errorbridge.connector.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A network: its address and prefix length, e.g. 10.0.0.0/8. The operator's allow-listed networks
 * ({@link BaseUrlPolicy}) and the special-purpose blocks ({@link SpecialPurposeAddresses}) both
 * match an address against one.
 *
 * @param network the network's address, 4 bytes (IPv4) or 16 (IPv6)
 * @param prefix how many leading bits of an address must match {@code network}'s
 */
record Cidr(byte[] network, int prefix) {
  /** An allow-listed network as the operator writes it, e.g. {@code 10.0.0.0/8}. */
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

  /** Whether {@code address} is in this network; one of the other IP version never is. */
  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}

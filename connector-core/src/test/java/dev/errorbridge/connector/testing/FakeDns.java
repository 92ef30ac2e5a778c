package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.settings.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Host names for SSRF tests, resolved from a fixed table; literal addresses parse as themselves.
 */
public final class FakeDns {
  private FakeDns() {}

  /** Names resolve only as this table says: no DNS in tests. */
  public static final HostResolver RESOLVER =
      host -> {
        Map<String, String> table =
            Map.of(
                "api.dify.ai", "104.18.10.10",
                "internal.example.com", "10.1.2.3",
                "rebind.example.com", "169.254.169.254",
                "v6private.example.com", "fd00:ec2::254",
                "mapped.example.com", "::ffff:127.0.0.1",
                "cgnat.example.com", "100.64.1.1",
                "dify.corp.example", "10.20.30.40");
        String address = table.get(host);
        if (address == null) {
          if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return List.of(InetAddress.getByName(host)); // literal addresses need no DNS
          }
          throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
      };
}

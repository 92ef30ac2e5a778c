package dev.errorbridge.connector.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses; a seam so tests need no DNS. */
@FunctionalInterface
public interface HostResolver {
  /** The system resolver. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  List<InetAddress> resolve(String host) throws UnknownHostException;
}

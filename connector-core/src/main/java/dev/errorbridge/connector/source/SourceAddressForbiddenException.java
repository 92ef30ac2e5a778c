package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * The platform's host resolves, now, to an address Errorbridge does not call (loopback, a private
 * network, link-local, the cloud metadata service), though it passed that check when the connection
 * was saved: the DNS answer changed (DNS rebinding, or the platform moved inside a network).
 * Nothing was sent, so the API key stayed here. Retrying cannot help; the connection goes to ERROR
 * until the host resolves to a public address again or the operator allow-lists it.
 */
public class SourceAddressForbiddenException extends SourceException {

  /**
   * @param problem which address the host resolves to and why it is refused
   */
  public SourceAddressForbiddenException(
      Platform platform, String connectionId, String endpoint, String problem) {
    super(
        platform,
        connectionId,
        endpoint,
        null,
        problem + " (allowedHosts or allowedNetworks); nothing was sent, the API key stayed here.",
        null);
  }
}

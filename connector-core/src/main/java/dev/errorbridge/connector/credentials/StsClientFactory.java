package dev.errorbridge.connector.credentials;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the STS client Errorbridge assumes customers' roles with, one per region (the bus's
 * region, so the call stays in the region that publishes). The client signs with Errorbridge's own
 * identity, the one the customers' trust policies name.
 */
@FunctionalInterface
public interface StsClientFactory {

  /** A new client for {@code region}; the caller closes it. */
  StsClient create(Region region);
}

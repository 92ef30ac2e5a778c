package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.Platform;
import java.net.URI;
import java.util.Objects;

/**
 * Who a platform is, apart from how it is polled or pushes: what every {@link PlatformPlugin}
 * describes the same way, as one value it holds in a constant.
 *
 * @param platform the platform's id: the {@code source.platform} of its connections and its events'
 *     source
 * @param displayName the name its users know it by, e.g. {@code Alloy Embedded}, for documentation
 *     and messages
 * @param apiDocumentation the public API documentation the adapter is written against (cited in the
 *     docs): an absolute URL, or a path in this repository for what Errorbridge defines itself
 */
public record PlatformDescriptor(Platform platform, String displayName, URI apiDocumentation) {

  /**
   * @throws NullPointerException when a part is missing
   * @throws IllegalArgumentException when {@code displayName} is blank
   */
  public PlatformDescriptor {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(apiDocumentation, "apiDocumentation");
    if (displayName.isBlank()) {
      throw new IllegalArgumentException(
          "displayName of platform " + platform.id() + " must not be blank");
    }
  }
}

package dev.errorbridge.connector.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.webhook.InMemoryReplayGuard;
import dev.errorbridge.connector.webhook.spi.ErrorbridgeSignatureVerifier;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PlatformPluginTest {
  private static final PlatformDescriptor PUSH_ONLY =
      new PlatformDescriptor(Platform.of("pushonly"), "Push only", URI.create("docs/webhooks.md"));

  /** A platform that only pushes: the SPI's defaults must say so without it overriding anything. */
  private static final class PushOnlyPlugin implements PlatformPlugin, WebhookSupport {
    @Override
    public PlatformDescriptor descriptor() {
      return PUSH_ONLY;
    }

    @Override
    public WebhookParser parser() {
      throw new UnsupportedOperationException("not built in this test");
    }
  }

  @Test
  void defaults_whenPluginImplementsOnlyWebhookSupport_pushesAndIsNotPolled() {
    PushOnlyPlugin plugin = new PushOnlyPlugin();

    assertThat(plugin.platform()).isSameAs(Platform.of("pushonly"));
    assertThat(plugin.webhooks()).containsSame(plugin);
    assertThat(plugin.polling()).isEmpty();
  }

  @Test
  void verifier_whenPluginDoesNotOverrideIt_isErrorbridgesOwnSignature() {
    Clock clock = Clock.systemUTC();
    WebhookContext context = new WebhookContext(clock, new InMemoryReplayGuard(clock));

    assertThat(new PushOnlyPlugin().verifier(context))
        .isInstanceOf(ErrorbridgeSignatureVerifier.class);
  }

  @Test
  void descriptor_whenDisplayNameIsBlank_refusesNamingThePlatform() {
    assertThatThrownBy(
            () -> new PlatformDescriptor(Platform.DIFY, " ", URI.create("https://docs.dify.ai")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("displayName of platform dify must not be blank");
  }
}

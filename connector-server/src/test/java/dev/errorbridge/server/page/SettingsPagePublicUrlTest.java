package dev.errorbridge.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.server.testing.TestServers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A server behind a public address it is told about (ERRORBRIDGE_PUBLIC_URL): the page shows the
 * webhook URL on that address, as the settings API gives it, not on the address the page was loaded
 * from.
 */
@ExtendWith(ChromiumExtension.class)
class SettingsPagePublicUrlTest {
  static final String PUBLIC_URL = "https://errorbridge.example.com/ops/";

  @TempDir Path data;

  @Test
  void connectionPage_whenThePublicUrlIsSet_showsAndCopiesTheWebhookUrlOnIt(Chromium chromium) {
    try (TestServers.Running server =
        TestServers.start(data, Map.of("ERRORBRIDGE_PUBLIC_URL", PUBLIC_URL))) {
      String id = server.createRunflowConnection("Runflow production", "whsec-public-0123456789");
      String expected = PUBLIC_URL + "webhooks/" + id;
      assertThat(
              server
                  .json(server.send("GET", "/connections/" + id, null))
                  .path("webhook")
                  .path("url")
                  .asText())
          .isEqualTo(expected);
      Page page = new Page(chromium.driver(), server.baseUri());

      page.signIn(server.token());
      page.open("#/connections/" + id);

      assertThat(
              page.visible(By.cssSelector("input[data-copy='webhook-url']")).getAttribute("value"))
          .isEqualTo(expected);
      assertThat(page.visible(By.xpath("//h2[@id='webhook-title']/..")).getText())
          .contains("curl -s -X POST " + expected + " ")
          .doesNotContain(server.baseUri() + "/webhooks/");
      assertThat(page.scriptProblems()).isEmpty();
    }
  }
}

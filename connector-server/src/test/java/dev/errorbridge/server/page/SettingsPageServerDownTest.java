package dev.errorbridge.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.server.testing.TestServers;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The page in the browser after its server stopped: it says so, and how to start it again. */
@ExtendWith(ChromiumExtension.class)
class SettingsPageServerDownTest {
  @TempDir Path data;

  @Test
  void page_whenTheServerStops_saysItCannotBeReachedWhenSignedInAndWhenSigningIn(
      Chromium chromium) {
    TestServers.Running server = TestServers.start(data);
    URI origin = server.baseUri();
    Page page = new Page(chromium.driver(), origin);
    String id;
    try {
      id = server.createRunflowConnection("Runflow production", "whsec-server-down-0123456789");
      page.signIn(server.token());
      page.visible(Page.card(id));
    } finally {
      server.close();
    }

    page.click(By.linkText("Runflow production"));
    String unreachable = page.textContaining(By.cssSelector(".alert"), "Cannot reach");
    assertThat(unreachable)
        .contains(origin.toString())
        .contains("Is it running?")
        .contains("java -jar connector-server/target/errorbridge-server.jar");
    page.visible(Page.button("Try again"));
    page.checkpoint("server-down");

    page.click(Page.button("Sign out"));
    page.type(By.id("token"), server.token());
    page.click(Page.button("Sign in"));
    assertThat(page.textContaining(By.id("token-problem"), "Cannot reach"))
        .contains("Is it running?");
    assertThat(page.driver.executeScript("return window.sessionStorage.length")).isEqualTo(0L);
    assertThat(page.scriptProblems()).isEmpty();
  }
}

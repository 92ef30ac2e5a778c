package dev.errorbridge.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A server that publishes the customer role template (ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL and
 * ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID): an ASSUME_ROLE connection's page shows the one-click
 * quick-create link the settings API gives, as a link and with a copy button.
 */
@ExtendWith(ChromiumExtension.class)
class SettingsPageQuickCreateLinkTest {
  static final String TEMPLATE = "https://templates.example.com/errorbridge-customer-role.json";

  @TempDir Path data;

  @Test
  void connectionPage_whenAssumeRoleAndTheTemplateIsPublished_showsAndCopiesTheLink(
      Chromium chromium) {
    try (TestServers.Running server =
        TestServers.start(
            data,
            Map.of(
                "ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL",
                TEMPLATE,
                "ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID",
                "444455556666"))) {
      HttpResponse<String> created =
          server.send(
              "POST",
              "/connections",
              "{\"name\":\"Role account\",\"source\":{\"platform\":\"runflow\"},"
                  + "\"webhook\":{\"secret\":\"whsec-quick-create-0123456789\"},"
                  + "\"destination\":{\"region\":\"eu-west-1\",\"eventBus\":\"errorbridge\","
                  + "\"auth\":{\"mode\":\"ASSUME_ROLE\","
                  + "\"roleArn\":\"arn:aws:iam::123456789012:role/errorbridge-publisher\"}}}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode auth = server.json(created).path("destination").path("auth");
      String link = auth.path("quickCreateLink").asText();
      assertThat(link)
          .startsWith("https://console.aws.amazon.com/cloudformation/home?region=eu-west-1#")
          .contains("param_DeploymentAccountId=444455556666")
          .contains("param_RoleName=errorbridge-publisher");
      Page page = new Page(chromium.driver(), server.baseUri());

      page.signIn(server.token());
      page.open("#/connections/" + server.json(created).path("id").asText());

      assertThat(
              page.visible(By.cssSelector("input[data-copy='quick-create-link']"))
                  .getAttribute("value"))
          .isEqualTo(link);
      assertThat(page.visible(By.cssSelector("a[data-link='quick-create']")).getAttribute("href"))
          .isEqualTo(link);
      assertThat(page.scriptProblems()).isEmpty();
      // Reading the network log also empties it for the test classes that share the browser.
      assertThat(page.requestUrls())
          .filteredOn(u -> u.matches("(?i)(https?|wss?|ftp):.*"))
          .allMatch(u -> u.startsWith(server.baseUri() + "/"));
    }
  }
}

package dev.errorbridge.connector.settings.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.settings.AccessLinks;
import dev.errorbridge.connector.testing.TestConnections;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings API shows the one-click role link on ASSUME_ROLE connections only. */
class QuickCreateLinkViewTest {
  private static final AccessLinks LINKS =
      AccessLinks.read(
          "https://templates.example.com/errorbridge-customer-role.json",
          "444455556666",
          new ArrayList<>());

  @Test
  void connection_whenAssumeRoleAndTheDeploymentPublishesTheTemplate_showsTheLink() {
    JsonNode auth =
        ConnectionViews.connection(
                dev.errorbridge.connector.settings.AccessLinksTestAccess.role(
                    "arn:aws:iam::111122223333:role/errorbridge-publisher"),
                0,
                Optional.empty(),
                LINKS)
            .at("/destination/auth");

    assertThat(auth.path("externalId").asText()).isEqualTo("eb-ext+id/1=");
    assertThat(auth.path("quickCreateLink").asText())
        .startsWith(
            "https://console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/quickcreate?")
        .contains("param_ExternalId=eb-ext%2Bid%2F1%3D")
        .contains("param_DeploymentAccountId=444455556666");
  }

  @Test
  void connection_whenAmbient_hasNoLink() {
    JsonNode auth =
        ConnectionViews.connection(TestConnections.ambient("t", "c"), 0, Optional.empty(), LINKS)
            .at("/destination/auth");

    assertThat(auth.has("quickCreateLink")).isFalse();
  }
}

package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The settings API's quick-create link: AWS's documented format, every value URL-encoded and read
 * back unchanged, and its parameters exactly the committed customer role template's (the same rules
 * as samples' own QuickCreateLinkTest).
 */
class QuickCreateLinkTest {
  static final Path TEMPLATE =
      Path.of("..", "samples", "cloudformation", "errorbridge-customer-role.json");
  private static final QuickCreateLink LINK =
      new QuickCreateLink(
          "eu-west-1",
          URI.create(
              "https://errorbridge-templates.s3.eu-west-1.amazonaws.com/v1/errorbridge-customer-role.json?versionId=3a&x=y"),
          "errorbridge-access-conn-7c1e",
          "eb:tnt_01/conn+7c1e=ab@x,y.z",
          "111122223333",
          "arn:aws:events:eu-west-1:123456789012:event-bus/errorbridge-demo",
          "errorbridge-publisher");

  @Test
  void toUri_isTheConsolesQuickCreatePageWithEveryValueEncoded() {
    String link = LINK.toUri().toString();

    assertThat(link)
        .startsWith(
            "https://console.aws.amazon.com/cloudformation/home?region=eu-west-1"
                + "#/stacks/quickcreate?templateURL=https%3A%2F%2Ferrorbridge-templates.s3");
    assertThat(link)
        .contains("&stackName=errorbridge-access-conn-7c1e")
        .contains("&param_DeploymentAccountId=111122223333")
        .contains("&param_ExternalId=eb%3Atnt_01%2Fconn%2B7c1e%3Dab%40x%2Cy.z")
        .contains(
            "&param_EventBusName=arn%3Aaws%3Aevents%3Aeu-west-1%3A123456789012%3Aevent-bus%2Ferrorbridge-demo")
        .contains("&param_RoleName=errorbridge-publisher")
        .contains("%3FversionId%3D3a%26x%3Dy");
  }

  @Test
  void parse_whenGivenTheLink_returnsEveryValueUnchanged() {
    assertThat(QuickCreateLink.parse(LINK.toUri())).isEqualTo(LINK);
  }

  @Test
  void toUri_namesOnlyParametersTheTemplateHasAndFillsEveryOneWithoutADefault() throws Exception {
    JsonNode parameters = new ObjectMapper().readTree(TEMPLATE.toFile()).get("Parameters");
    String fragment = LINK.toUri().getRawFragment();
    Set<String> named = new TreeSet<>();
    for (String pair : fragment.substring(fragment.indexOf('?') + 1).split("&")) {
      String name = pair.substring(0, pair.indexOf('='));
      if (name.startsWith("param_")) {
        named.add(name.substring("param_".length()));
      }
    }
    Set<String> required = new TreeSet<>();
    parameters
        .fields()
        .forEachRemaining(
            p -> {
              if (!p.getValue().has("Default")) {
                required.add(p.getKey());
              }
            });

    assertThat(named).allSatisfy(n -> assertThat(parameters.has(n)).as(n).isTrue());
    assertThat(named).containsAll(required);
  }

  @Test
  void new_whenEveryValueIsWrong_reportsEachProblem() {
    assertThatThrownBy(
            () ->
                new QuickCreateLink(
                    "Europe",
                    URI.create("http://example.com/t.json"),
                    "9-starts-with-a-digit",
                    "x",
                    "1234",
                    "bus/with/slashes",
                    "role/with/path"))
        .isInstanceOfSatisfying(
            QuickCreateLinkInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anySatisfy(p -> assertThat(p).startsWith("region must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("templateUrl must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("stackName must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("externalId must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("deploymentAccountId must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("eventBusName must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("roleName must be")));
  }

  @Test
  void parse_whenNotAQuickCreateLink_isRefused() {
    assertThatThrownBy(
            () ->
                QuickCreateLink.parse(
                    URI.create("https://console.aws.amazon.com/cloudformation/home#/stacks")))
        .isInstanceOf(QuickCreateLinkInvalidException.class)
        .hasMessageContaining("not a quick-create link");
  }
}

package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.testing.TestConnections;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLinksTest {
  private static final URI TEMPLATE =
      URI.create("https://templates.example.com/errorbridge-customer-role.json");

  @Test
  void read_whenNeitherIsSet_offersNoLink() {
    List<String> problems = new ArrayList<>();

    assertThat(AccessLinks.read(null, " ", problems).enabled()).isFalse();
    assertThat(problems).isEmpty();
  }

  @Test
  void read_whenOnlyOneIsSetOrEitherIsWrong_namesEachVariable() {
    List<String> problems = new ArrayList<>();

    AccessLinks.read("http://templates.example.com/t.json", "1234", problems);
    AccessLinks.read(null, "111122223333", problems);

    assertThat(problems)
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL must be"))
        .anySatisfy(p -> assertThat(p).startsWith("ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID must be"))
        .anySatisfy(
            p -> assertThat(p).startsWith("ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL is required"));
  }

  @Test
  void forConnection_whenAssumeRole_fillsTheExternalIdAccountBusRegionAndRoleName() {
    AccessLinks links = AccessLinks.read(TEMPLATE.toString(), "444455556666", new ArrayList<>());

    URI link =
        links
            .forConnection(role("arn:aws:iam::111122223333:role/errorbridge-alerts"))
            .orElseThrow();

    QuickCreateLink parsed = QuickCreateLink.parse(link);
    assertThat(parsed.region()).isEqualTo("eu-west-1");
    assertThat(parsed.templateUrl()).isEqualTo(TEMPLATE);
    assertThat(parsed.stackName()).isEqualTo("errorbridge-access-cn-1");
    assertThat(parsed.externalId()).isEqualTo("eb-ext+id/1=");
    assertThat(parsed.deploymentAccountId()).isEqualTo("444455556666");
    assertThat(parsed.eventBusName()).isEqualTo("errorbridge-demo");
    assertThat(parsed.roleName()).isEqualTo("errorbridge-alerts");
  }

  @Test
  void forConnection_whenTheRoleHasAPath_leavesTheRoleNameToTheTemplate() {
    AccessLinks links = AccessLinks.read(TEMPLATE.toString(), "444455556666", new ArrayList<>());

    URI link =
        links
            .forConnection(role("arn:aws:iam::111122223333:role/team/errorbridge-x"))
            .orElseThrow();

    assertThat(QuickCreateLink.parse(link).roleName()).isNull();
  }

  @Test
  void forConnection_whenNotAssumeRoleOrNotConfigured_offersNoLink() {
    AccessLinks links = AccessLinks.read(TEMPLATE.toString(), "444455556666", new ArrayList<>());

    assertThat(links.forConnection(TestConnections.ambient("t", "cn-2"))).isEmpty();
    assertThat(
            AccessLinks.none()
                .forConnection(role("arn:aws:iam::111122223333:role/errorbridge-alerts")))
        .isEmpty();
  }

  @Test
  void stackName_keepsOnlyWhatAStackNameMayHold() {
    assertThat(AccessLinks.stackName("Conn_7.c1e")).isEqualTo("errorbridge-access-conn-7-c1e");
  }

  static Connection role(String roleArn) {
    Connection c = TestConnections.ambient("t", "cn-1");
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        c.source(),
        c.webhook(),
        new ConnectionDestination(
            "eu-west-1",
            "errorbridge-demo",
            new DestinationAuth.AssumeRole(roleArn, "eb-ext+id/1=")),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }
}

package dev.errorbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one-click access template: committed exactly as {@link CustomerRoleStack} synthesises it, a
 * role that trusts only the deployment's account with the connection's External ID, and may only
 * publish to and describe one bus in the account and region it is deployed to.
 */
class CustomerRoleTemplateTest {
  private static final JsonNode COMMITTED = SampleFiles.read(GeneratedFiles.CUSTOMER_ROLE_TEMPLATE);
  private static final Map<String, String> PSEUDO =
      Map.of(
          "AWS::Partition", "aws",
          "AWS::Region", "eu-west-1",
          "AWS::AccountId", "123456789012");

  @Test
  void committedTemplate_isExactlyWhatTheStackSynthesises() {
    assertThat(COMMITTED)
        .as(
            "samples/%s is stale: run GeneratedFiles (see its javadoc) and commit the result",
            GeneratedFiles.CUSTOMER_ROLE_TEMPLATE)
        .isEqualTo(GeneratedFiles.customerRoleTemplate());
  }

  @Test
  void template_isPlainCloudFormationWithOnlyTheRole() {
    assertThat(COMMITTED.has("Rules")).as("no CDK bootstrap check").isFalse();
    assertThat(COMMITTED.at("/Parameters/BootstrapVersion").isMissingNode()).isTrue();
    List<String> types = new java.util.ArrayList<>();
    COMMITTED.get("Resources").forEach(r -> types.add(r.get("Type").textValue()));
    assertThat(types).containsExactly("AWS::IAM::Role");
  }

  @Test
  void trust_isTheDeploymentsAccountOnlyAndOnlyWithTheExternalId() {
    JsonNode trust = role().at("/Properties/AssumeRolePolicyDocument/Statement");

    assertThat(trust).hasSize(1);
    JsonNode statement = trust.get(0);
    assertThat(statement.get("Effect").textValue()).isEqualTo("Allow");
    assertThat(statement.get("Action").textValue()).isEqualTo("sts:AssumeRole");
    assertThat(
            CfnValues.evaluate(
                statement.at("/Principal/AWS"),
                with(Map.of(CustomerRoleStack.DEPLOYMENT_ACCOUNT_ID, "999988887777"))))
        .isEqualTo("arn:aws:iam::999988887777:root");
    assertThat(statement.get("Condition"))
        .isEqualTo(
            SampleFiles.JSON
                .createObjectNode()
                .set(
                    "StringEquals",
                    SampleFiles.JSON
                        .createObjectNode()
                        .set(
                            "sts:ExternalId",
                            SampleFiles.JSON
                                .createObjectNode()
                                .put("Ref", CustomerRoleStack.EXTERNAL_ID))));
    assertThat(role().at("/Properties/MaxSessionDuration").intValue()).isEqualTo(3600);
  }

  @Test
  void permissions_arePutEventsAndDescribeEventBusOnOneBusOnly() {
    JsonNode policies = role().at("/Properties/Policies");
    assertThat(policies).hasSize(1);
    JsonNode statements = policies.get(0).at("/PolicyDocument/Statement");
    assertThat(statements).hasSize(1);
    JsonNode statement = statements.get(0);
    assertThat(statement.get("Effect").textValue()).isEqualTo("Allow");
    assertThat(statement.get("Action"))
        .extracting(JsonNode::textValue)
        .containsExactly("events:PutEvents", "events:DescribeEventBus");
    assertThat(statement.get("Resource").isArray()).as("one resource, not a list").isFalse();
    assertThat(role().at("/Properties/ManagedPolicyArns").isMissingNode()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "errorbridge-demo, arn:aws:events:eu-west-1:123456789012:event-bus/errorbridge-demo",
    "arn:aws:events:eu-west-1:123456789012:event-bus/orders.prod,"
        + " arn:aws:events:eu-west-1:123456789012:event-bus/orders.prod",
    "arn:aws:events:us-east-1:111122223333:event-bus/theirs,"
        + " arn:aws:events:eu-west-1:123456789012:event-bus/theirs",
    "default, arn:aws:events:eu-west-1:123456789012:event-bus/default"
  })
  void resource_isTheNamedBusInTheStacksAccountAndRegion(String parameter, String expectedArn) {
    Map<String, String> refs = with(Map.of(CustomerRoleStack.EVENT_BUS_NAME, parameter));
    JsonNode statement = role().at("/Properties/Policies/0/PolicyDocument/Statement/0");

    assertThat(CfnValues.evaluate(statement.get("Resource"), refs)).isEqualTo(expectedArn);
    assertThat(CfnValues.evaluate(COMMITTED.at("/Outputs/EventBusArn/Value"), refs))
        .isEqualTo(expectedArn);
    assertThat(parameter)
        .matches(COMMITTED.at("/Parameters/EventBusName/AllowedPattern").textValue());
  }

  @Test
  void parameters_canAllBeFilledInByAQuickCreateLinkAndTheRoleArnIsAnOutput() {
    for (Iterator<Map.Entry<String, JsonNode>> it = COMMITTED.get("Parameters").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      assertThat(parameter.getValue().path("NoEcho").asBoolean(false))
          .as(
              "%s must not be NoEcho: quick-create links ignore NoEcho parameters",
              parameter.getKey())
          .isFalse();
    }
    assertThat(COMMITTED.at("/Outputs/RoleArn/Value/Fn::GetAtt/1").textValue()).isEqualTo("Arn");
    assertThat(COMMITTED.at("/Outputs/RoleArn/Value/Fn::GetAtt/0").textValue())
        .isEqualTo(roleLogicalId());
  }

  private static Map<String, String> with(Map<String, String> parameters) {
    Map<String, String> refs = new java.util.HashMap<>(PSEUDO);
    refs.putAll(parameters);
    return refs;
  }

  private static JsonNode role() {
    return COMMITTED.get("Resources").get(roleLogicalId());
  }

  private static String roleLogicalId() {
    return COMMITTED.get("Resources").fieldNames().next();
  }
}

package dev.errorbridge.samples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * What Errorbridge may do in the customer's account: {@code events:PutEvents} and {@code
 * events:DescribeEventBus} on the one bus, nothing else. As a managed policy, attached by the
 * customer to an IAM user whose access keys they give Errorbridge (ACCESS_KEYS; no keys are made
 * here, so none ever sit in a template or stack output), and, in ASSUME_ROLE mode, as a role that
 * only Errorbridge's account can assume, and only with the External ID Errorbridge generated for
 * the connection, which stops another Errorbridge customer from pointing their connection at this
 * role (the confused deputy).
 */
public final class ErrorbridgeAccess extends Construct {
  /** What Errorbridge calls: publishing, and the connection test's check that the bus exists. */
  public static final List<String> ACTIONS = List.of("events:PutEvents", "events:DescribeEventBus");

  private final ManagedPolicy publisherPolicy;
  private final Role publisherRole;
  private final CfnCondition assumeRoleMode;

  /**
   * Creates the policy, and the role when {@code AuthMode} is ASSUME_ROLE.
   *
   * @param scope the stack
   * @param id the construct id
   * @param bus the bus Errorbridge publishes to
   * @param parameters the stack's parameters
   */
  public ErrorbridgeAccess(
      Construct scope, String id, IEventBus bus, AlertingParameters parameters) {
    super(scope, id);
    publisherPolicy =
        ManagedPolicy.Builder.create(this, "PublisherPolicy")
            .description("Lets Errorbridge publish to its event bus, and nothing else")
            .statements(
                List.of(
                    PolicyStatement.Builder.create()
                        .sid("PublishToTheErrorbridgeBusOnly")
                        .effect(Effect.ALLOW)
                        .actions(ACTIONS)
                        .resources(List.of(bus.getEventBusArn()))
                        .build()))
            .build();

    assumeRoleMode =
        CfnCondition.Builder.create(this, "AssumeRoleMode")
            .expression(
                Fn.conditionEquals(
                    parameters.authMode().getValueAsString(), AlertingParameters.ASSUME_ROLE))
            .build();
    publisherRole =
        Role.Builder.create(this, "PublisherRole")
            .roleName(parameters.publisherRoleName().getValueAsString())
            .description("Assumed by Errorbridge to publish failed workflow executions")
            .assumedBy(
                new AccountPrincipal(parameters.errorbridgeAccountId().getValueAsString())
                    .withConditions(
                        Map.of(
                            "StringEquals",
                            Map.of("sts:ExternalId", parameters.externalId().getValueAsString()))))
            .managedPolicies(List.of(publisherPolicy))
            .maxSessionDuration(Duration.hours(1))
            .build();
    ((CfnRole) publisherRole.getNode().getDefaultChild())
        .getCfnOptions()
        .setCondition(assumeRoleMode);

    // Both parameters default to empty so that ACCESS_KEYS deployments need not invent them; this
    // template rule makes CloudFormation refuse an ASSUME_ROLE deployment that lacks either, before
    // creating anything, instead of creating a role nobody can assume.
    software.amazon.awscdk.CfnRule.Builder.create(this, "AssumeRoleNeedsTrust")
        .ruleCondition(
            Fn.conditionEquals(
                parameters.authMode().getValueAsString(), AlertingParameters.ASSUME_ROLE))
        .assertions(
            List.of(
                notEmpty(
                    parameters.errorbridgeAccountId().getValueAsString(),
                    "AuthMode ASSUME_ROLE needs ErrorbridgeAccountId: the AWS account Errorbridge"
                        + " shows next to the External ID"),
                notEmpty(
                    parameters.externalId().getValueAsString(),
                    "AuthMode ASSUME_ROLE needs ExternalId: the External ID Errorbridge showed"
                        + " for your connection")))
        .build();
  }

  /** The policy to attach to an IAM user for ACCESS_KEYS mode (the role has it too). */
  public ManagedPolicy publisherPolicy() {
    return publisherPolicy;
  }

  /** The role Errorbridge assumes; it exists only under {@link #assumeRoleMode()}. */
  public Role publisherRole() {
    return publisherRole;
  }

  /** True when {@code AuthMode} is ASSUME_ROLE. */
  public CfnCondition assumeRoleMode() {
    return assumeRoleMode;
  }

  private static CfnRuleAssertion notEmpty(String value, String description) {
    return CfnRuleAssertion.builder()
        .assertValue(Fn.conditionNot(Fn.conditionEquals(value, "")))
        .assertDescription(description)
        .build();
  }
}

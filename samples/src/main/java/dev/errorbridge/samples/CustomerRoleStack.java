package dev.errorbridge.samples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The one-click access template: only the role Errorbridge assumes in ASSUME_ROLE mode, as a plain
 * CloudFormation template a customer launches from a quick-create link ({@link QuickCreateLink})
 * with the External ID and the deployment's account already filled in. The role trusts only the
 * deployment's account, only with the connection's External ID, and may only {@code
 * events:PutEvents} and {@code events:DescribeEventBus} on one bus in the account and region it is
 * deployed to.
 *
 * <p>Synthesised into {@code samples/cloudformation/errorbridge-customer-role.json} by {@link
 * GeneratedFiles}; a test fails when the committed copy differs from what this class synthesises.
 */
public final class CustomerRoleStack extends Stack {
  /** Parameter: the AWS account the Errorbridge deployment runs in. */
  public static final String DEPLOYMENT_ACCOUNT_ID = "DeploymentAccountId";

  /** Parameter: the External ID Errorbridge generated for the connection. */
  public static final String EXTERNAL_ID = "ExternalId";

  /** Parameter: the bus, by name or ARN. */
  public static final String EVENT_BUS_NAME = "EventBusName";

  /** Parameter: the role's name. */
  public static final String ROLE_NAME = "RoleName";

  /** Output: the role ARN the customer gives Errorbridge. */
  public static final String ROLE_ARN_OUTPUT = "RoleArn";

  private final Role role;

  public CustomerRoleStack(Construct scope, String id, StackProps props) {
    super(scope, id, props);
    CfnParameter deploymentAccount =
        CfnParameter.Builder.create(this, DEPLOYMENT_ACCOUNT_ID)
            .description("The AWS account Errorbridge runs in; only it may assume the role.")
            .allowedPattern("^[0-9]{12}$")
            .constraintDescription("a 12-digit AWS account id")
            .build();
    // Not NoEcho: a quick-create link can only fill in parameters that are not NoEcho
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-console-create-stacks-quick-create-links.html:
    // "CloudFormation ignores parameters that don't exist in the template and any parameters
    // defined with the NoEcho property set to true"). An External ID is not a secret; it stops
    // another Errorbridge customer from using this role (the confused deputy).
    CfnParameter externalId =
        CfnParameter.Builder.create(this, EXTERNAL_ID)
            .description("The External ID Errorbridge showed for your connection.")
            .allowedPattern("^[A-Za-z0-9_+=,.@:/-]{2,1224}$")
            .constraintDescription("2-1224 characters of A-Z a-z 0-9 _ + = , . @ : / -")
            .build();
    CfnParameter bus =
        CfnParameter.Builder.create(this, EVENT_BUS_NAME)
            .description(
                "The event bus Errorbridge publishes to, by name or ARN. The role gets the bus of"
                    + " that name in the account and region this stack is deployed to.")
            .defaultValue(AlertingParameters.DEFAULT_EVENT_BUS_NAME)
            .allowedPattern(
                "^([.\\-_A-Za-z0-9]{1,256}"
                    + "|arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/[.\\-_A-Za-z0-9]{1,256})$")
            .constraintDescription("a custom event bus name, or its ARN")
            .build();
    CfnParameter roleName =
        CfnParameter.Builder.create(this, ROLE_NAME)
            .description(
                "Name of the role; the deployment only assumes roles whose name starts with its"
                    + " customer role prefix (errorbridge- by default).")
            .defaultValue("errorbridge-publisher")
            .allowedPattern("^[A-Za-z0-9_+=,.@-]{1,64}$")
            .constraintDescription("1-64 characters of A-Z a-z 0-9 _ + = , . @ -")
            .build();

    String busArn = busArnInThisAccount(bus.getValueAsString());
    role =
        Role.Builder.create(this, "ErrorbridgePublisherRole")
            .roleName(roleName.getValueAsString())
            .description("Assumed by Errorbridge to publish failed workflow executions")
            .assumedBy(
                new AccountPrincipal(deploymentAccount.getValueAsString())
                    .withConditions(
                        Map.of(
                            "StringEquals",
                            Map.of("sts:ExternalId", externalId.getValueAsString()))))
            .maxSessionDuration(Duration.hours(1))
            .inlinePolicies(
                Map.of(
                    "PublishToOneBus",
                    PolicyDocument.Builder.create()
                        .statements(
                            List.of(
                                PolicyStatement.Builder.create()
                                    .sid("PublishToTheErrorbridgeBusOnly")
                                    .effect(Effect.ALLOW)
                                    .actions(ErrorbridgeAccess.ACTIONS)
                                    .resources(List.of(busArn))
                                    .build()))
                        .build()))
            .build();

    CfnOutput.Builder.create(this, ROLE_ARN_OUTPUT)
        .description("The role ARN for the Errorbridge connection (ASSUME_ROLE)")
        .value(role.getRoleArn())
        .build();
    CfnOutput.Builder.create(this, "EventBusArn")
        .description("The only bus the role may publish to")
        .value(busArn)
        .build();
  }

  /** The role Errorbridge assumes. */
  public Role role() {
    return role;
  }

  /**
   * The ARN of the bus named by {@code nameOrArn} in this stack's account and region.
   * CloudFormation has no "starts with" to tell a name from an ARN, so the name is cut out of both
   * alike: {@code <x>|event-bus/<x>} split on {@code event-bus/} has the name, followed by {@code
   * |} for an ARN, as its second part; the part before the {@code |} is the name. ({@code |} and
   * {@code /} cannot occur in a custom bus name.)
   */
  static String busArnInThisAccount(String nameOrArn) {
    String nameWithBar =
        Fn.select(
            1, Fn.split("event-bus/", Fn.join("", List.of(nameOrArn, "|event-bus/", nameOrArn))));
    String name = Fn.select(0, Fn.split("|", nameWithBar));
    return Fn.join(
        "",
        List.of(
            "arn:",
            Aws.PARTITION,
            ":events:",
            Aws.REGION,
            ":",
            Aws.ACCOUNT_ID,
            ":event-bus/",
            name));
  }
}

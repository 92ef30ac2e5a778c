package dev.errorbridge.samples;

import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app a customer deploys: {@code cdk deploy --parameters AlertEmail=… …} from {@code
 * samples/} (see {@code samples/README.md}).
 */
public final class AlertingApp {
  /** The stack's name in CloudFormation. */
  public static final String STACK_NAME = "ErrorbridgeAlerting";

  private AlertingApp() {}

  /**
   * Synthesises the stack into {@code cdk.out}.
   *
   * @param args ignored; the stack is configured by CloudFormation parameters at deploy time
   */
  public static void main(String[] args) {
    App app = new App();
    new AlertingRulesStack(app, STACK_NAME, stackProps());
    app.synth();
  }

  /**
   * The stack has no assets (no Lambda code, no files), so it needs no {@code cdk bootstrap}: the
   * template is deployed as it is, by {@code cdk deploy} or by CloudFormation directly.
   */
  static StackProps stackProps() {
    return StackProps.builder()
        .description(
            "Errorbridge alerting: an event bus for failed workflow executions, alert rules (SNS"
                + " email, CloudWatch Logs, Slack, PagerDuty) and least-privilege IAM for"
                + " Errorbridge")
        .synthesizer(new BootstraplessSynthesizer())
        .build();
  }
}

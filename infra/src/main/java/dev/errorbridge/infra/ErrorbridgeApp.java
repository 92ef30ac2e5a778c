package dev.errorbridge.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs it): reads the deployment's configuration from the CDK context
 * and defines {@link ErrorbridgeStack}.
 *
 * <p>The stack is environment-agnostic: {@code cdk deploy} deploys it to the account and Region of
 * the credentials it runs with.
 */
public final class ErrorbridgeApp {

  private ErrorbridgeApp() {}

  /**
   * Synthesises the app into {@code cdk.out} (or {@code CDK_OUTDIR}).
   *
   * @param args ignored; configuration comes from the CDK context ({@code -c key=value})
   */
  public static void main(String[] args) {
    App app = new App();
    define(app);
    app.synth();
  }

  /**
   * Defines the stack in the app, configured from the app's context.
   *
   * @param app the app
   * @return the stack
   * @throws InfraConfigInvalidException when the context is unusable
   */
  public static ErrorbridgeStack define(App app) {
    ErrorbridgeProps config = ErrorbridgeProps.fromContext(key -> app.getNode().tryGetContext(key));
    return new ErrorbridgeStack(
        app,
        ErrorbridgeStack.NAME,
        StackProps.builder()
            .description("Errorbridge: streams failed workflow executions into Amazon EventBridge")
            .build(),
        config);
  }
}

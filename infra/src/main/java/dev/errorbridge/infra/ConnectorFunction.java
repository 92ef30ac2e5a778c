package dev.errorbridge.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Errorbridge function: its own role (no managed policies), its own log group with retention,
 * the function (Java 17 on arm64, SnapStart on published versions) and the {@code live} alias that
 * every trigger invokes, so that every invocation runs a published version restored from its
 * snapshot.
 */
final class ConnectorFunction extends Construct {

  /** The alias every trigger (schedule, SQS, API) invokes. */
  static final String ALIAS = "live";

  /**
   * What the functions' JVM starts with: C1 only, which AWS measured as the fastest start for
   * short-lived Java functions (it is also the Java 17 runtime's default; stating it keeps the
   * behaviour if that default changes).
   */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  /**
   * How a function is built.
   *
   * @param spec which function
   * @param namePrefix the deployment's name prefix
   * @param code the shared artifact
   * @param environment the environment variables
   * @param logRetention how long its logs are kept
   * @param scheduled whether a schedule invokes it asynchronously: then Lambda does not retry a
   *     failed or stale invocation, because the next tick is at most a minute away
   */
  record Props(
      FunctionSpec spec,
      String namePrefix,
      Code code,
      Map<String, String> environment,
      RetentionDays logRetention,
      boolean scheduled) {}

  private final Role role;
  private final LogGroup logGroup;
  private final Function function;
  private final Alias alias;

  ConnectorFunction(Construct scope, String id, Props props) {
    super(scope, id);
    FunctionSpec spec = props.spec();
    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("Errorbridge " + spec.id() + " function")
            .build();
    // Our own log group (auto-named, so a redeploy never collides with a retained one) instead of
    // the AWSLambdaBasicExecutionRole managed policy, which may create any log group in the
    // account.
    this.logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            // The group's ARN ends in ":*" (its log streams): Lambda names a stream per
            // execution environment, so the streams cannot be listed in advance.
            .resources(List.of(logGroup.getLogGroupArn()))
            .build());
    this.function =
        Function.Builder.create(this, "Function")
            .functionName(spec.functionName(props.namePrefix()))
            .description(spec.description())
            .runtime(Runtime.JAVA_17)
            .architecture(Architecture.ARM_64)
            .handler(spec.handler())
            .code(props.code())
            .memorySize(spec.memoryMb())
            .timeout(spec.timeout())
            .role(role)
            .logGroup(logGroup)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .environment(props.environment())
            .build();
    // SnapStart applies to published versions only: the live alias below publishes one per change.
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "every trigger invokes the live alias of the current published version");
    Alias.Builder aliasBuilder =
        Alias.Builder.create(this, "Live").aliasName(ALIAS).version(function.getCurrentVersion());
    if (props.scheduled()) {
      aliasBuilder.retryAttempts(0).maxEventAge(Duration.minutes(1));
    }
    this.alias = aliasBuilder.build();
  }

  Role role() {
    return role;
  }

  LogGroup logGroup() {
    return logGroup;
  }

  Function function() {
    return function;
  }

  /** The {@code live} alias: what triggers invoke. */
  Alias alias() {
    return alias;
  }
}

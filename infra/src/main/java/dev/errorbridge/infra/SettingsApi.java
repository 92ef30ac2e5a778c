package dev.errorbridge.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The connection settings API: an HTTP API whose every route requires IAM authorisation (SigV4), so
 * only principals granted {@code execute-api:Invoke} on it can call it, and the handler learns the
 * caller's IAM identity from the request context.
 */
final class SettingsApi extends Construct {

  /** All paths (the handler routes them and answers 404 itself), every method. */
  static final String ROUTE_PATH = "/{proxy+}";

  /**
   * Ten requests a second: people and their tooling editing connections, far below any need, and a
   * runaway script hits 429 before it hits the connection test's AssumeRole and KMS calls.
   */
  static final int RATE_LIMIT = 10;

  /** One JSON line per request, with the IAM caller (bodies and headers are never logged). */
  static final String ACCESS_LOG_FORMAT =
      "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
          + "\"caller\":\"$context.identity.userArn\",\"account\":\"$context.identity.accountId\","
          + "\"time\":\"$context.requestTime\",\"method\":\"$context.httpMethod\","
          + "\"path\":\"$context.path\",\"status\":\"$context.status\","
          + "\"latencyMs\":\"$context.responseLatency\","
          + "\"integrationError\":\"$context.integrationErrorMessage\"}";

  private final HttpApi api;
  private final HttpStage stage;

  SettingsApi(Construct scope, String id, ErrorbridgeProps config, IFunction settings) {
    super(scope, id);
    this.api =
        HttpApi.Builder.create(this, "Api")
            .apiName(config.namePrefix() + "-settings")
            .description("Errorbridge connection settings (IAM-authorised)")
            .createDefaultStage(false)
            .defaultAuthorizer(new HttpIamAuthorizer())
            .build();
    this.stage =
        ApiStage.create(this, api, RATE_LIMIT, config.logRetention(), ACCESS_LOG_FORMAT, null);
    api.addRoutes(
        AddRoutesOptions.builder()
            .path(ROUTE_PATH)
            .methods(List.of(HttpMethod.ANY))
            .integration(
                new HttpLambdaIntegration(
                    "Settings",
                    settings,
                    HttpLambdaIntegrationProps.builder()
                        .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
                        .build()))
            .build());
  }

  /** The API's URL. Ends with a slash. */
  String url() {
    return stage.getUrl();
  }

  HttpApi api() {
    return api;
  }
}

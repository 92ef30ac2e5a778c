package dev.errorbridge.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.DomainName;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.SecurityPolicy;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The public webhook endpoint: an HTTP API (not a Function URL) with one route, {@code POST
 * /webhooks/{connectionId}}, and no authoriser, because every platform signs its webhooks
 * differently and the handler verifies them in code (before parsing, constant-time).
 *
 * <p>An HTTP API rather than a Function URL because: a request for any other path or method is
 * answered 404 by API Gateway without invoking (and paying for) the function; the stage throttles a
 * flood with 429s before it reaches Lambda; a custom domain is native (a Function URL needs
 * CloudFront in front for one); and it has access logs. It costs $1.00 per million requests, which
 * the cost estimate in {@code docs/deploy.md} includes. Both deliver the same payload format 2.0
 * event, so the handler does not care.
 */
final class WebhookApi extends Construct {

  /** The route platforms post to. */
  static final String ROUTE_PATH = "/webhooks/{connectionId}";

  /**
   * One JSON line per request. {@code $context.path} has no query string, so a platform token sent
   * as a query parameter never reaches the logs; no header or body is logged either.
   */
  static final String ACCESS_LOG_FORMAT =
      "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
          + "\"time\":\"$context.requestTime\",\"method\":\"$context.httpMethod\","
          + "\"path\":\"$context.path\",\"status\":\"$context.status\","
          + "\"responseLength\":\"$context.responseLength\","
          + "\"latencyMs\":\"$context.responseLatency\","
          + "\"integrationStatus\":\"$context.integrationStatus\","
          + "\"integrationError\":\"$context.integrationErrorMessage\","
          + "\"userAgent\":\"$context.identity.userAgent\"}";

  private final HttpApi api;
  private final HttpStage stage;
  private final DomainName domain;
  private final String baseUrl;

  WebhookApi(Construct scope, String id, ErrorbridgeProps config, IFunction webhook) {
    super(scope, id);
    this.domain =
        config.hasWebhookDomain()
            ? DomainName.Builder.create(this, "Domain")
                .domainName(config.webhookDomain())
                .certificate(
                    Certificate.fromCertificateArn(
                        this, "Certificate", config.webhookCertificateArn()))
                .securityPolicy(SecurityPolicy.TLS_1_2)
                .build()
            : null;
    this.api =
        HttpApi.Builder.create(this, "Api")
            .apiName(config.namePrefix() + "-webhooks")
            .description("Errorbridge webhooks: POST /webhooks/{connectionId}")
            .createDefaultStage(false)
            // With a custom domain, senders are given that URL only; the execute-api one is off
            // so there is a single front door to throttle and log.
            .disableExecuteApiEndpoint(config.hasWebhookDomain())
            .build();
    this.stage =
        ApiStage.create(
            this, api, config.webhookRateLimit(), config.logRetention(), ACCESS_LOG_FORMAT, domain);
    api.addRoutes(
        AddRoutesOptions.builder()
            .path(ROUTE_PATH)
            .methods(List.of(HttpMethod.POST))
            .integration(
                new HttpLambdaIntegration(
                    "Webhook",
                    webhook,
                    HttpLambdaIntegrationProps.builder()
                        .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
                        .build()))
            .build());
    this.baseUrl =
        config.hasWebhookDomain() ? "https://" + config.webhookDomain() + "/" : stage.getUrl();
  }

  /** Where webhooks are sent: the custom domain's URL, or the stage's. Ends with a slash. */
  String baseUrl() {
    return baseUrl;
  }

  /** The custom domain, or {@code null}. */
  DomainName domain() {
    return domain;
  }

  HttpApi api() {
    return api;
  }
}

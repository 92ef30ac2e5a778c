package dev.errorbridge.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.DomainMappingOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IDomainName;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/** Builds an HTTP API's {@code $default} stage with throttling and JSON access logs. */
final class ApiStage {

  private ApiStage() {}

  /**
   * Creates the stage.
   *
   * @param scope where the stage and its log group go
   * @param api the API
   * @param rateLimit steady requests per second before API Gateway answers 429
   * @param logRetention how long access logs are kept
   * @param accessLogFormat one JSON line per request
   * @param domain a custom domain to map the stage to, or {@code null}
   */
  static HttpStage create(
      Construct scope,
      HttpApi api,
      int rateLimit,
      RetentionDays logRetention,
      String accessLogFormat,
      IDomainName domain) {
    LogGroup accessLogs =
        LogGroup.Builder.create(scope, "AccessLogs")
            .retention(logRetention)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    HttpStage.Builder stage =
        HttpStage.Builder.create(scope, "DefaultStage")
            .httpApi(api)
            .stageName("$default")
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder()
                    .rateLimit(rateLimit)
                    // Twice the rate: absorbs a sender's retry burst without opening the gate.
                    .burstLimit(rateLimit * 2)
                    .build())
            .accessLogSettings(
                new IAccessLogSettings() {
                  @Override
                  public LogGroupLogDestination getDestination() {
                    return new LogGroupLogDestination(accessLogs);
                  }

                  @Override
                  public AccessLogFormat getFormat() {
                    return AccessLogFormat.custom(accessLogFormat);
                  }
                });
    if (domain != null) {
      stage.domainMapping(DomainMappingOptions.builder().domainName(domain).build());
    }
    return stage.build();
  }
}

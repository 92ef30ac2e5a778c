package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.webhook.WebhookIntake;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * {@code POST /webhooks/{connectionId}} from an API Gateway HTTP API (payload 2.0) or a Lambda
 * Function URL: the event becomes a byte-exact {@code WebhookRequest} ({@link WebhookEvents}) for
 * connector-core's {@link WebhookIntake}, which verifies, delivers or parks it, and answers 2xx
 * only once the event is on the bus or durably kept.
 *
 * <p>Lambda handler: {@code dev.errorbridge.lambda.WebhookHandler::handleRequest}.
 */
public final class WebhookHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final WebhookIntake intake;
  private final Clock clock;
  // Held so that the CRaC context's weak reference keeps it (see Priming).
  private final Priming priming;

  /**
   * Lambda's constructor: wires everything from the environment (see {@link LambdaEnvironment}).
   */
  public WebhookHandler() {
    this(LambdaEnvironment.system());
  }

  private WebhookHandler(LambdaEnvironment environment) {
    this(environment.components(), environment.settings().region(), Clock.systemUTC());
  }

  WebhookHandler(ConnectorComponents components, Region region, Clock clock) {
    this.intake = components.webhooks();
    this.clock = clock;
    this.priming =
        Priming.register(
            "webhook",
            List.of(
                Primers.errorbridgeClients(region),
                Primers.mapping(),
                // An empty body is refused by the request guards, before any lookup or secret.
                () -> handleRequest(PrimingEvents.emptyWebhook(), null)));
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    WebhookEvents.Parsed parsed = WebhookEvents.parse(event, clock);
    if (parsed instanceof WebhookEvents.Parsed.Answer answer) {
      return answer.response();
    }
    return WebhookEvents.response(intake.handle(((WebhookEvents.Parsed.Request) parsed).request()));
  }

  /** Runs the priming steps now, as SnapStart would before its snapshot; returns the failures. */
  int prime() {
    return priming.prime();
  }
}

package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.errorbridge.connector.inbound.Incidents;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.webhook.WebhookIntake;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * {@code POST /webhooks/{connectionId}} from an API Gateway HTTP API (payload 2.0) or a Lambda
 * Function URL: the event becomes a byte-exact {@code WebhookRequest} ({@link WebhookEvents}) for
 * connector-core's {@link WebhookIntake}, which verifies, delivers or parks it, and answers 2xx
 * only once the event is on the bus or durably kept.
 *
 * <p>Lambda handler: {@code dev.errorbridge.lambda.WebhookHandler::handleRequest}. It reads the
 * event (API Gateway / Function URL payload 2.0) and writes the response itself ({@link
 * LambdaJson}), so a cold start does not load the Lambda runtime's event serializer; webhook
 * senders time out after 5-15 s, and cold starts are what they see.
 */
public final class WebhookHandler implements RequestStreamHandler {
  static {
    LambdaEnvironment.configureLogging(); // before any logger is created
  }

  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

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
    // Arguments run left to right: the warm-up starts before the object graph is built.
    this(
        Warmup.start(environment, "webhook", Primers.independent(environment.region())),
        environment.components(),
        environment.region(),
        Clock.systemUTC());
  }

  WebhookHandler(ConnectorComponents components, Region region, Clock clock) {
    this(Warmup.none(), components, region, clock);
  }

  private WebhookHandler(
      Warmup warmup, ConnectorComponents components, Region region, Clock clock) {
    this.intake = components.webhooks();
    this.clock = clock;
    this.priming =
        Priming.register(
            "webhook",
            warmup,
            List.of(
                Primers.errorbridgeClients(region),
                Primers.mapping(),
                // An empty body is refused by the request guards, before any lookup or secret.
                () -> handle(PrimingEvents.emptyWebhook())));
  }

  /**
   * Answers every input in the proxy response shape: an event that is not payload 2.0, or not an
   * event, gets 400 naming why ({@link HttpEventReader}), in the intake's rejection shape.
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    LambdaJson.writeHttpResponse(output, handle(input.readAllBytes()));
  }

  /** Answers the invocation's bytes; never throws. */
  APIGatewayV2HTTPResponse handle(byte[] input) {
    HttpEventReader.Read read;
    try {
      read = HttpEventReader.read(input);
    } catch (RuntimeException e) {
      return HttpEvents.incident(Incidents.record(LOG, "webhook event", e));
    }
    if (read instanceof HttpEventReader.Read.Refused refused) {
      HttpEventReader.log(LOG, "webhook", refused.refusal());
      return WebhookEvents.response(
          new WebhookReceipt.Rejected(400, refused.refusal().lines()).response());
    }
    return handle(((HttpEventReader.Read.Event) read).event());
  }

  /**
   * Answers one event; a fault of the handler itself is logged once with an incident id and
   * answered 500 with it (nothing a client sends is such a fault).
   */
  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    try {
      return answer(event);
    } catch (RuntimeException e) {
      return HttpEvents.incident(Incidents.record(LOG, "webhook " + HttpEvents.method(event), e));
    }
  }

  private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
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

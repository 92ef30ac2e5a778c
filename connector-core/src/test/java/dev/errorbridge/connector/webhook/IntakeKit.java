package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY;
import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY_TOKEN;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@link WebhookIntake} wired as production wires it, on a {@link LocalPipeline}: connections
 * read from DynamoDB Local with KMS-encrypted secrets, the generic replay guard on DynamoDB (its
 * record written in the event's claim transaction), and the kit's three connections ({@link
 * WebhookTestKit#RUNFLOW}, {@link WebhookTestKit#ALLOY}, {@link WebhookTestKit#GENERIC}) stored
 * enabled.
 */
final class IntakeKit implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> GENERIC_MAPPING = StoreWebhookConnectionsTest.MAPPING;

  final LocalPipeline pipeline;
  final WebhookIntake intake;

  IntakeKit(LocalAwsServices aws) {
    this(new LocalPipeline(aws));
  }

  IntakeKit(LocalPipeline pipeline) {
    this(pipeline, WebhookEnricher.none());
  }

  /** With {@code enricher} between acceptance and delivery. */
  IntakeKit(LocalPipeline pipeline, WebhookEnricher enricher) {
    this(pipeline, enricher, pipeline.delivery());
  }

  /** With {@code enricher}, delivering through {@code delivery}. */
  IntakeKit(LocalPipeline pipeline, WebhookEnricher enricher, ConnectionDelivery delivery) {
    this.pipeline = pipeline;
    WebhookReceiver receiver =
        new WebhookReceiver(
            new StoreWebhookConnections(pipeline.connections(), pipeline.cipher()),
            // As production: the generic request is recorded in its event's claim transaction.
            pipeline.stores().replayGuard().joiningClaims(),
            WebhookReceiverConfig.defaults(pipeline.clock()));
    this.intake =
        new WebhookIntake(
            new WebhookIntake.Parts(
                receiver,
                pipeline.connections(),
                delivery,
                pipeline.outbox(),
                pipeline.stores().deadLetters(),
                new DefaultFailedExecutionMapper(),
                pipeline.schedule(),
                pipeline.clock(),
                enricher));
    pipeline.connection(TENANT, RUNFLOW, Platform.RUNFLOW, true, RUNFLOW_SECRET, null, null);
    pipeline.connection(TENANT, ALLOY, Platform.ALLOY, true, ALLOY_TOKEN, null, null);
    pipeline.connection(
        TENANT, GENERIC, Platform.WEBHOOK, true, GENERIC_SECRET, null, GENERIC_MAPPING);
  }

  WebhookResponse handle(WebhookTestKit.RequestBuilder request) {
    return intake.handle(request.build());
  }

  static JsonNode body(WebhookResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    pipeline.close();
  }
}

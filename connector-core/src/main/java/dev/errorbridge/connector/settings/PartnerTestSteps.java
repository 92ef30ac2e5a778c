package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.mapping.ConnectionTestEvents;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.partner.PartnerMapping;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventBridgeClientFactory;
import dev.errorbridge.connector.settings.ConnectionTestReport.Status;
import dev.errorbridge.connector.settings.ConnectionTestReport.Step;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsResultEntry;

/**
 * The connection test of a PARTNER_EVENT_SOURCE connection whose source resolved (so it is ACTIVE):
 * the operator cannot describe the customer's bus, so the source's state stands for {@code
 * describeEventBus}, and the test event goes out with {@code PutPartnerEvents}.
 */
final class PartnerTestSteps {
  private PartnerTestSteps() {}

  static List<Step> run(
      EventBridgeClientFactory clients,
      Destination destination,
      Connection connection,
      ConnectionTestEvents testEvents,
      List<Step> steps) {
    String source = destination.eventBusName();
    steps.add(
        new Step(
            "partnerEventSource",
            Status.PASSED,
            "partner event source " + source + " is ACTIVE (associated with its event bus)",
            null));
    MappedEvent event =
        testEvents.create(
            connection.tenantId(),
            connection.id(),
            connection.source().platform(),
            PartnerMapping.optionsFor(connection));
    PutEventsRequestEntry entry = event.entry();
    try (EventBridgeClient client = clients.create(destination)) {
      PutPartnerEventsResultEntry result =
          client
              .putPartnerEvents(
                  r ->
                      r.entries(
                          e ->
                              e.source(source)
                                  .detailType(entry.detailType())
                                  .detail(entry.detail())
                                  .resources(entry.resources())
                                  .time(entry.time())))
              .entries()
              .get(0);
      steps.add(
          result.errorCode() == null
              ? new Step(
                  "putTestEvent",
                  Status.PASSED,
                  "test event " + event.eventId() + " accepted as " + result.eventId(),
                  null)
              : new Step(
                  "putTestEvent",
                  Status.FAILED,
                  result.errorCode() + ": " + result.errorMessage(),
                  TestFixes.forEntryError(result.errorCode())));
    } catch (SdkException e) {
      steps.add(
          new Step(
              "putTestEvent",
              Status.FAILED,
              TestFixes.describe(e),
              "EventBridge refused PutPartnerEvents for the operator's account; the operator"
                  + " checks that its role has events:PutPartnerEvents and that it is registered"
                  + " as a partner"));
    }
    return steps;
  }
}

package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.credentials.CredentialsFailureAction;
import dev.errorbridge.connector.mapping.ConnectionTestEvents;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventBridgeClientFactory;
import dev.errorbridge.connector.settings.ConnectionTestReport.Status;
import dev.errorbridge.connector.settings.ConnectionTestReport.Step;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Tests a connection the way it will be used: resolve its credentials, {@code DescribeEventBus}
 * (PutEvents alone cannot tell that a bus is missing: it has been reported to succeed for deleted
 * buses), then publish one {@code Errorbridge Connection Test} event. One attempt per step, no
 * retries: the user wants to know what happens now. A PARTNER_EVENT_SOURCE connection resolves only
 * while its source is ACTIVE (the credentials step says what to do otherwise) and is tested with
 * {@code PutPartnerEvents} ({@link PartnerTestSteps}).
 */
public final class ConnectionTester {
  private final ConnectionDestinations destinations;
  private final EventBridgeClientFactory clients;
  private final ConnectionTestEvents testEvents;

  public ConnectionTester(
      ConnectionDestinations destinations,
      EventBridgeClientFactory clients,
      ConnectionTestEvents testEvents) {
    this.destinations = destinations;
    this.clients = clients;
    this.testEvents = testEvents;
  }

  /** Runs the steps and reports each; never throws for an AWS failure. */
  public ConnectionTestReport test(Connection connection) {
    List<Step> steps = new ArrayList<>();
    Destination destination;
    try {
      destination = destinations.resolve(connection);
      destination.credentials().resolveCredentials();
      steps.add(
          new Step(
              "credentials", Status.PASSED, connection.destination().auth().mode().name(), null));
    } catch (RuntimeException e) {
      steps.add(
          new Step(
              "credentials", Status.FAILED, TestFixes.describe(e), TestFixes.forCredentials(e)));
      return finish(
          connection, steps, CredentialsFailureAction.of(e), "describeEventBus", "putTestEvent");
    }
    if (destination.api() == Destination.Api.PUT_PARTNER_EVENTS) {
      return finish(
          connection,
          PartnerTestSteps.run(clients, destination, connection, testEvents, steps),
          null);
    }
    try (EventBridgeClient client = clients.create(destination)) {
      String bus = connection.destination().eventBus();
      try {
        client.describeEventBus(r -> r.name(bus));
        steps.add(new Step("describeEventBus", Status.PASSED, "bus " + bus + " exists", null));
      } catch (SdkException e) {
        steps.add(
            new Step(
                "describeEventBus",
                Status.FAILED,
                TestFixes.describe(e),
                TestFixes.forDescribe(e, connection.destination())));
        return finish(connection, steps, null, "putTestEvent");
      }
      steps.add(putTestEvent(client, connection));
    }
    return finish(connection, steps, null);
  }

  private Step putTestEvent(EventBridgeClient client, Connection connection) {
    MappedEvent event =
        testEvents.create(
            connection.tenantId(),
            connection.id(),
            connection.source().platform(),
            connection.mapping());
    PutEventsRequestEntry entry =
        event.entry().toBuilder().eventBusName(connection.destination().eventBus()).build();
    try {
      PutEventsResponse response = client.putEvents(r -> r.entries(entry));
      PutEventsResultEntry result = response.entries().get(0);
      if (result.errorCode() == null) {
        return new Step(
            "putTestEvent",
            Status.PASSED,
            "test event " + event.eventId() + " accepted as " + result.eventId(),
            null);
      }
      return new Step(
          "putTestEvent",
          Status.FAILED,
          result.errorCode() + ": " + result.errorMessage(),
          TestFixes.forEntryError(result.errorCode()));
    } catch (SdkException e) {
      return new Step(
          "putTestEvent",
          Status.FAILED,
          TestFixes.describe(e),
          TestFixes.forPutEvents(e, connection.destination()));
    }
  }

  private static ConnectionTestReport finish(
      Connection connection,
      List<Step> steps,
      CredentialsFailureAction credentialsFailure,
      String... skipped) {
    for (String name : skipped) {
      steps.add(new Step(name, Status.SKIPPED, "skipped: an earlier step failed", null));
    }
    boolean ok = steps.stream().allMatch(s -> s.status() == Status.PASSED);
    return new ConnectionTestReport(connection.id(), ok, steps, credentialsFailure);
  }

  static String code(Throwable e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? service.awsErrorDetails().errorCode()
        : null;
  }
}

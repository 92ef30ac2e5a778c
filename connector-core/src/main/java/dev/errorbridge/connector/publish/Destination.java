package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.SettingProblems;
import java.net.URI;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where one connection's events go: the customer's bus, in their region, signed with their
 * credentials.
 *
 * @param tenantId the tenant that owns the connection
 * @param connectionId the connection; clients, circuit breakers and rate limiters are kept per
 *     connection
 * @param region the bus's region
 * @param eventBusName the bus name or ARN
 * @param credentials the customer's credentials (never printed)
 * @param endpointOverride an EventBridge endpoint to use instead of AWS's (local-aws, LocalStack),
 *     or {@code null}
 * @param api how events get there: {@code PutEvents} on the bus, or {@code PutPartnerEvents} to a
 *     partner event source (then {@code eventBusName} is the source's name, which is also the name
 *     of the customer's partner event bus, and {@code credentials} are the operator's own)
 */
public record Destination(
    String tenantId,
    String connectionId,
    Region region,
    String eventBusName,
    AwsCredentialsProvider credentials,
    URI endpointOverride,
    Api api) {
  private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
  private static final Pattern BUS_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[/.\\-_A-Za-z0-9]{1,256}");

  public Destination {
    SettingProblems problems = new SettingProblems();
    problems.check(tenantId != null && !tenantId.isBlank(), "tenantId is required");
    problems.check(connectionId != null && !connectionId.isBlank(), "connectionId is required");
    problems.check(region != null, "region is required, e.g. us-east-1");
    problems.check(
        eventBusName != null
            && (BUS_NAME.matcher(eventBusName).matches()
                || BUS_ARN.matcher(eventBusName).matches()),
        "eventBusName must be a bus name (1-256 of [/.-_A-Za-z0-9]) or a bus ARN"
            + " (arn:aws:events:<region>:<account>:event-bus/<name>)");
    problems.check(credentials != null, "credentials are required");
    if (problems.check(api != null, "api is required: PUT_EVENTS or PUT_PARTNER_EVENTS")) {
      problems.check(
          api != Api.PUT_PARTNER_EVENTS
              || (eventBusName != null && eventBusName.startsWith("aws.partner/")),
          "a PUT_PARTNER_EVENTS destination's eventBusName is its aws.partner/ source");
    }
    problems.throwIfAny(PublisherConfigInvalidException::new);
  }

  /** How a destination's events are put on the customer's bus. */
  public enum Api {
    /** {@code PutEvents} with the customer's credentials (or the runtime's, for AMBIENT). */
    PUT_EVENTS,
    /** {@code PutPartnerEvents} with the operator's credentials to a partner event source. */
    PUT_PARTNER_EVENTS
  }

  /** A {@code PutEvents} destination. */
  public Destination(
      String tenantId,
      String connectionId,
      Region region,
      String eventBusName,
      AwsCredentialsProvider credentials,
      URI endpointOverride) {
    this(
        tenantId,
        connectionId,
        region,
        eventBusName,
        credentials,
        endpointOverride,
        Api.PUT_EVENTS);
  }

  /** A destination on AWS itself. */
  public static Destination of(
      String tenantId,
      String connectionId,
      Region region,
      String eventBusName,
      AwsCredentialsProvider credentials) {
    return new Destination(tenantId, connectionId, region, eventBusName, credentials, null);
  }

  @Override
  public String toString() {
    return "Destination[tenantId="
        + tenantId
        + ", connectionId="
        + connectionId
        + ", region="
        + region
        + ", eventBusName="
        + eventBusName
        + (endpointOverride == null ? "" : ", endpointOverride=" + endpointOverride)
        + (api == Api.PUT_EVENTS ? "" : ", api=" + api)
        + "]";
  }
}

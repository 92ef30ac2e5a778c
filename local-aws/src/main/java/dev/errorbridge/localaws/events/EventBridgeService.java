package dev.errorbridge.localaws.events;

import static dev.errorbridge.localaws.internal.JsonFields.optionalString;
import static dev.errorbridge.localaws.internal.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.MissingBusPolicy;
import dev.errorbridge.localaws.fault.FaultInjector;
import dev.errorbridge.localaws.internal.AwsJsonService;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.Json;
import dev.errorbridge.localaws.internal.RequestContext;
import java.util.regex.Pattern;

/**
 * EventBridge ({@code X-Amz-Target: AWSEvents.*}): event buses, rules, targets and PutEvents, and
 * SaaS partner event sources from both sides (the partner's source and PutPartnerEvents, the
 * customer's partner event bus).
 */
public final class EventBridgeService implements AwsJsonService {
  private static final Pattern CUSTOM_BUS_NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,256}");

  private final EventBusStore buses;
  private final PartnerEventSources partnerSources;
  private final RuleOperations rules;
  private final PutEventsOperation putEvents;
  private final PartnerSourceOperations partners;
  private final PutPartnerEventsOperation putPartnerEvents;

  public EventBridgeService(
      EventBusStore buses,
      TargetDeliveries deliveries,
      FaultInjector faults,
      long maxEntrySizeBytes,
      MissingBusPolicy missingBusPolicy) {
    this.buses = buses;
    this.partnerSources = new PartnerEventSources(buses.clock(), buses);
    this.rules = new RuleOperations(buses);
    this.putEvents =
        new PutEventsOperation(buses, deliveries, faults, maxEntrySizeBytes, missingBusPolicy);
    this.partners = new PartnerSourceOperations(partnerSources);
    this.putPartnerEvents =
        new PutPartnerEventsOperation(partnerSources, deliveries, faults, maxEntrySizeBytes);
  }

  /** The partner event sources of every account, as both sides see them. */
  public PartnerEventSources partnerEventSources() {
    return partnerSources;
  }

  @Override
  public String targetPrefix() {
    return "AWSEvents";
  }

  @Override
  public String signingName() {
    return "events";
  }

  @Override
  public JsonNode handle(String operation, ObjectNode request, RequestContext context) {
    return switch (operation) {
      case "PutEvents" -> putEvents.putEvents(request, context);
      case "CreateEventBus" -> createEventBus(request, context);
      case "DescribeEventBus" -> describeEventBus(request, context);
      case "ListEventBuses" -> listEventBuses(request, context);
      case "DeleteEventBus" -> deleteEventBus(request, context);
      case "PutRule" -> rules.putRule(request, context);
      case "DescribeRule" -> rules.describeRule(request, context);
      case "DeleteRule" -> rules.deleteRule(request, context);
      case "ListRules" -> rules.listRules(request, context);
      case "PutTargets" -> rules.putTargets(request, context);
      case "RemoveTargets" -> rules.removeTargets(request, context);
      case "ListTargetsByRule" -> rules.listTargetsByRule(request, context);
      case "TestEventPattern" -> rules.testEventPattern(request);
      case "PutPartnerEvents" -> putPartnerEvents.putPartnerEvents(request, context);
      case "CreatePartnerEventSource" -> partners.createPartnerEventSource(request, context);
      case "DescribePartnerEventSource" -> partners.describePartnerEventSource(request, context);
      case "ListPartnerEventSources" -> partners.listPartnerEventSources(request, context);
      case "ListPartnerEventSourceAccounts" ->
          partners.listPartnerEventSourceAccounts(request, context);
      case "DeletePartnerEventSource" -> partners.deletePartnerEventSource(request, context);
      case "DescribeEventSource" -> partners.describeEventSource(request, context);
      case "ListEventSources" -> partners.listEventSources(request, context);
      case "ActivateEventSource" -> partners.activateEventSource(request, context);
      case "DeactivateEventSource" -> partners.deactivateEventSource(request, context);
      default ->
          throw AwsServiceException.clientError(
              "UnknownOperationException",
              "local-aws does not implement AWSEvents." + operation + ".");
    };
  }

  private ObjectNode createEventBus(ObjectNode request, RequestContext context) {
    String name = requiredString(request, "Name");
    if (request.hasNonNull("EventSourceName")) {
      return createPartnerEventBus(name, request, context);
    }
    if (!CUSTOM_BUS_NAME.matcher(name).matches()) {
      throw AwsServiceException.validation(
          "Event bus name '"
              + name
              + "' is not valid: use 1 to 256 of the characters [.-_A-Za-z0-9] (no '/').");
    }
    EventBus bus = buses.create(buses.reference(name, context));
    return Json.object().put("EventBusArn", bus.arn());
  }

  /**
   * A partner event bus: "The name of the new event bus ... If this is a partner event bus, the
   * name must exactly match the name of the partner event source that this event bus is matched
   * to." (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html)
   */
  private ObjectNode createPartnerEventBus(
      String name, ObjectNode request, RequestContext context) {
    String sourceName = PartnerSourceOperations.sourceName(request, "EventSourceName");
    if (!name.equals(sourceName)) {
      throw AwsServiceException.validation(
          "Event bus name '"
              + name
              + "' must be exactly the partner event source name '"
              + sourceName
              + "'.");
    }
    EventBus bus = partnerSources.createPartnerBus(sourceName, context);
    return Json.object().put("EventBusArn", bus.arn());
  }

  private ObjectNode describeEventBus(ObjectNode request, RequestContext context) {
    EventBus bus = buses.require(buses.reference(optionalString(request, "Name"), context));
    return busJson(bus);
  }

  private ObjectNode listEventBuses(ObjectNode request, RequestContext context) {
    String prefix = optionalString(request, "NamePrefix");
    ArrayNode list = Json.array();
    for (EventBus bus : buses.list(context)) {
      if (prefix == null || bus.name().startsWith(prefix)) {
        list.add(busJson(bus));
      }
    }
    ObjectNode response = Json.object();
    response.set("EventBuses", list);
    return response;
  }

  private ObjectNode deleteEventBus(ObjectNode request, RequestContext context) {
    EventBusStore.BusReference ref = buses.reference(requiredString(request, "Name"), context);
    buses.delete(ref);
    partnerSources.busDeleted(ref);
    return Json.object();
  }

  private static ObjectNode busJson(EventBus bus) {
    ObjectNode json = Json.object();
    json.put("Name", bus.name());
    json.put("Arn", bus.arn());
    json.put("CreationTime", Json.epochSeconds(bus.createdAt()));
    json.put("LastModifiedTime", Json.epochSeconds(bus.createdAt()));
    return json;
  }
}

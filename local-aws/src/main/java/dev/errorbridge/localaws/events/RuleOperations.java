package dev.errorbridge.localaws.events;

import static dev.errorbridge.localaws.internal.JsonFields.optionalString;
import static dev.errorbridge.localaws.internal.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.Json;
import dev.errorbridge.localaws.internal.RequestContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Ruler;

/**
 * Rules and targets: PutRule, DescribeRule, DeleteRule, ListRules, the target operations,
 * TestEventPattern.
 */
final class RuleOperations {
  /** EventBridge allows at most 5 targets per rule. */
  static final int MAX_TARGETS_PER_RULE = 5;

  private static final Pattern RULE_NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
  private static final Pattern TARGET_ID = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");

  private final EventBusStore buses;

  RuleOperations(EventBusStore buses) {
    this.buses = buses;
  }

  ObjectNode putRule(ObjectNode request, RequestContext context) {
    String name = requiredString(request, "Name");
    if (!RULE_NAME.matcher(name).matches()) {
      throw AwsServiceException.validation(
          "Value '"
              + name
              + "' at 'name' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\.\\-_A-Za-z0-9]+ and have length between 1 and 64");
    }
    String pattern = optionalString(request, "EventPattern");
    String schedule = optionalString(request, "ScheduleExpression");
    if (pattern == null && schedule == null) {
      throw AwsServiceException.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    if (pattern != null) {
      validatePattern(pattern);
    }
    String state = optionalString(request, "State");
    boolean enabled = state == null || "ENABLED".equals(state);
    if (!enabled && !"DISABLED".equals(state)) {
      throw AwsServiceException.validation(
          "State must be ENABLED or DISABLED; got '" + state + "'.");
    }
    EventBus bus = buses.require(buses.reference(optionalString(request, "EventBusName"), context));
    String arn = ruleArn(bus, name, context);
    String description = optionalString(request, "Description");
    bus.updateRule(
        name,
        existing ->
            new EventRule(
                name,
                arn,
                pattern,
                schedule,
                enabled,
                description,
                existing == null ? Map.of() : existing.targets()));
    return Json.object().put("RuleArn", arn);
  }

  ObjectNode describeRule(ObjectNode request, RequestContext context) {
    EventBus bus = busOf(request, context);
    return ruleJson(bus, requireRule(bus, requiredString(request, "Name")));
  }

  ObjectNode deleteRule(ObjectNode request, RequestContext context) {
    EventBus bus = busOf(request, context);
    String name = requiredString(request, "Name");
    bus.updateRule(
        name,
        existing -> {
          if (existing != null && !existing.targets().isEmpty()) {
            throw AwsServiceException.validation("Rule can't be deleted since it has targets.");
          }
          return null;
        });
    return Json.object();
  }

  ObjectNode listRules(ObjectNode request, RequestContext context) {
    EventBus bus = busOf(request, context);
    String prefix = optionalString(request, "NamePrefix");
    ArrayNode rules = Json.array();
    for (EventRule rule : bus.rules()) {
      if (prefix == null || rule.name().startsWith(prefix)) {
        rules.add(ruleJson(bus, rule));
      }
    }
    ObjectNode response = Json.object();
    response.set("Rules", rules);
    return response;
  }

  ObjectNode putTargets(ObjectNode request, RequestContext context) {
    EventBus bus = busOf(request, context);
    String ruleName = requiredString(request, "Rule");
    JsonNode targets = request.get("Targets");
    if (targets == null || !targets.isArray() || targets.isEmpty()) {
      throw AwsServiceException.validation("Targets must list between 1 and 10 targets.");
    }
    Map<String, EventTarget> additions = new LinkedHashMap<>();
    for (JsonNode target : targets) {
      String id = target.path("Id").asText("");
      String arn = target.path("Arn").asText("");
      if (!TARGET_ID.matcher(id).matches()) {
        throw AwsServiceException.validation(
            "Target Id '" + id + "' must match [\\.\\-_A-Za-z0-9]+ and be 1 to 64 characters.");
      }
      if (arn.isEmpty()) {
        throw AwsServiceException.validation("Target " + id + " needs an Arn.");
      }
      additions.put(id, new EventTarget(id, arn));
    }
    bus.updateRule(
        ruleName,
        existing -> {
          if (existing == null) {
            throw ruleNotFound(bus, ruleName);
          }
          Map<String, EventTarget> merged = new LinkedHashMap<>(existing.targets());
          merged.putAll(additions);
          if (merged.size() > MAX_TARGETS_PER_RULE) {
            throw AwsServiceException.clientError(
                "LimitExceededException",
                "The requested resource exceeds the maximum number allowed: a rule has at most "
                    + MAX_TARGETS_PER_RULE
                    + " targets.");
          }
          return existing.withTargets(merged);
        });
    return noFailedEntries();
  }

  ObjectNode removeTargets(ObjectNode request, RequestContext context) {
    EventBus bus = busOf(request, context);
    String ruleName = requiredString(request, "Rule");
    JsonNode ids = request.get("Ids");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      throw AwsServiceException.validation("Ids must list between 1 and 100 target ids.");
    }
    bus.updateRule(
        ruleName,
        existing -> {
          if (existing == null) {
            throw ruleNotFound(bus, ruleName);
          }
          Map<String, EventTarget> remaining = new LinkedHashMap<>(existing.targets());
          ids.forEach(id -> remaining.remove(id.asText()));
          return existing.withTargets(remaining);
        });
    return noFailedEntries();
  }

  ObjectNode listTargetsByRule(ObjectNode request, RequestContext context) {
    EventBus bus = busOf(request, context);
    EventRule rule = requireRule(bus, requiredString(request, "Rule"));
    ArrayNode targets = Json.array();
    rule.targets().values().forEach(t -> targets.addObject().put("Id", t.id()).put("Arn", t.arn()));
    ObjectNode response = Json.object();
    response.set("Targets", targets);
    return response;
  }

  ObjectNode testEventPattern(ObjectNode request) {
    String pattern = requiredString(request, "EventPattern");
    String event = requiredString(request, "Event");
    validatePattern(pattern);
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(event);
    } catch (java.io.IOException e) {
      throw AwsServiceException.validation("Parameter Event is not valid: it is not JSON.");
    }
    for (String field : new String[] {"id", "account", "source", "time", "region", "detail-type"}) {
      if (parsed == null || !parsed.hasNonNull(field)) {
        throw AwsServiceException.validation(
            "Parameter Event is not valid. Reason: Provided Event is missing required field "
                + field);
      }
    }
    try {
      return Json.object().put("Result", Ruler.matchesRule(event, pattern));
    } catch (Exception e) {
      throw AwsServiceException.clientError(
          "InvalidEventPatternException", "Event pattern is not valid. Reason: " + e.getMessage());
    }
  }

  private static void validatePattern(String pattern) {
    String problem = JsonRuleCompiler.check(pattern);
    if (problem != null) {
      throw AwsServiceException.clientError(
          "InvalidEventPatternException", "Event pattern is not valid. Reason: " + problem);
    }
  }

  private EventBus busOf(ObjectNode request, RequestContext context) {
    return buses.require(buses.reference(optionalString(request, "EventBusName"), context));
  }

  private static EventRule requireRule(EventBus bus, String name) {
    EventRule rule = bus.rule(name);
    if (rule == null) {
      throw ruleNotFound(bus, name);
    }
    return rule;
  }

  private static AwsServiceException ruleNotFound(EventBus bus, String name) {
    return AwsServiceException.clientError(
        "ResourceNotFoundException",
        "Rule " + name + " does not exist on EventBus " + bus.name() + ".");
  }

  private static String ruleArn(EventBus bus, String name, RequestContext context) {
    String path =
        EventBusStore.DEFAULT_BUS.equals(bus.name())
            ? "rule/" + name
            : "rule/" + bus.name() + "/" + name;
    return "arn:aws:events:" + context.region() + ":" + context.accountId() + ":" + path;
  }

  private static ObjectNode ruleJson(EventBus bus, EventRule rule) {
    ObjectNode json = Json.object();
    json.put("Name", rule.name());
    json.put("Arn", rule.arn());
    if (rule.eventPattern() != null) {
      json.put("EventPattern", rule.eventPattern());
    }
    if (rule.scheduleExpression() != null) {
      json.put("ScheduleExpression", rule.scheduleExpression());
    }
    json.put("State", rule.enabled() ? "ENABLED" : "DISABLED");
    if (rule.description() != null) {
      json.put("Description", rule.description());
    }
    json.put("EventBusName", bus.name());
    return json;
  }

  private static ObjectNode noFailedEntries() {
    ObjectNode response = Json.object().put("FailedEntryCount", 0);
    response.putArray("FailedEntries");
    return response;
  }
}

package dev.errorbridge.localaws.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.localaws.internal.AwsServiceException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.event.ruler.GenericMachine;

/**
 * One event bus: its rules, and an event-ruler machine compiled from their patterns.
 *
 * <p>Writes are serialised on the bus and publish a new immutable snapshot; {@code PutEvents} reads
 * the current snapshot without locking, so matching never waits for a rule change.
 */
public final class EventBus {
  private final String name;
  private final String arn;
  private final Instant createdAt;
  private volatile Snapshot snapshot =
      new Snapshot(Map.of(), GenericMachine.<String>builder().build());

  private record Snapshot(Map<String, EventRule> rules, GenericMachine<String> machine) {}

  EventBus(String name, String arn, Instant createdAt) {
    this.name = name;
    this.arn = arn;
    this.createdAt = createdAt;
  }

  public String name() {
    return name;
  }

  public String arn() {
    return arn;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The rule, or {@code null}. */
  public EventRule rule(String ruleName) {
    return snapshot.rules().get(ruleName);
  }

  /** All rules in creation order. */
  public List<EventRule> rules() {
    return new ArrayList<>(snapshot.rules().values());
  }

  /** Whether any enabled rule with a pattern exists, i.e. whether an event could match anything. */
  public boolean hasEventRules() {
    return !snapshot.machine().isEmpty();
  }

  /** The enabled rules whose pattern matches the envelope. */
  public List<EventRule> matchingRules(JsonNode envelope) {
    Snapshot current = snapshot;
    if (current.machine().isEmpty()) {
      return List.of();
    }
    List<EventRule> matched = new ArrayList<>();
    for (String ruleName : current.machine().rulesForJSONEvent(envelope)) {
      EventRule rule = current.rules().get(ruleName);
      if (rule != null) {
        matched.add(rule);
      }
    }
    return matched;
  }

  /** Creates or replaces the rule named {@code ruleName} with what {@code change} makes of it. */
  synchronized EventRule updateRule(String ruleName, UnaryOperator<EventRule> change) {
    Map<String, EventRule> rules = new LinkedHashMap<>(snapshot.rules());
    EventRule updated = change.apply(rules.get(ruleName));
    if (updated == null) {
      rules.remove(ruleName);
    } else {
      rules.put(ruleName, updated);
    }
    snapshot = new Snapshot(Map.copyOf(rules), compile(rules));
    return updated;
  }

  private static GenericMachine<String> compile(Map<String, EventRule> rules) {
    GenericMachine<String> machine = GenericMachine.<String>builder().build();
    for (EventRule rule : rules.values()) {
      if (!rule.matchesEvents()) {
        continue;
      }
      try {
        machine.addRule(rule.name(), rule.eventPattern());
      } catch (IOException | RuntimeException e) {
        // Patterns are validated by PutRule before they get here, so this is a bug in local-aws.
        throw new AwsServiceException(
            "InternalException",
            500,
            "Rule " + rule.name() + " could not be compiled: " + e.getMessage());
      }
    }
    return machine;
  }
}

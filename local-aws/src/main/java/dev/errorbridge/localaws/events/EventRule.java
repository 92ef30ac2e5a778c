package dev.errorbridge.localaws.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule on one bus. Immutable: every change replaces the rule, so deliveries read a consistent
 * snapshot.
 *
 * @param name the rule name, unique within its bus
 * @param arn {@code arn:aws:events:region:account:rule/[bus/]name}
 * @param eventPattern the pattern, or {@code null} for a schedule-only rule (which never fires
 *     here)
 * @param scheduleExpression kept for {@code DescribeRule}/{@code ListRules} only
 * @param enabled {@code State=ENABLED}
 * @param description free text
 * @param targets by target id, in insertion order
 */
public record EventRule(
    String name,
    String arn,
    String eventPattern,
    String scheduleExpression,
    boolean enabled,
    String description,
    Map<String, EventTarget> targets) {

  public EventRule {
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  EventRule withTargets(Map<String, EventTarget> newTargets) {
    return new EventRule(
        name, arn, eventPattern, scheduleExpression, enabled, description, newTargets);
  }

  /** Whether this rule takes part in matching {@code PutEvents}. */
  boolean matchesEvents() {
    return enabled && eventPattern != null;
  }
}

package dev.errorbridge.localaws.events;

import java.time.Instant;

/**
 * One envelope a rule delivered to one target.
 *
 * @param targetArn the target's ARN (or URL, for an HTTP target)
 * @param ruleArn the rule that matched
 * @param targetId the target's id within the rule
 * @param envelope the full event as EventBridge delivers it, as a JSON string
 * @param deliveredAt when local-aws delivered it
 */
public record DeliveredEvent(
    String targetArn, String ruleArn, String targetId, String envelope, Instant deliveredAt) {}

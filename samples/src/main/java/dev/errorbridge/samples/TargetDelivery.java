package dev.errorbridge.samples;

import software.amazon.awscdk.services.events.CfnRule.DeadLetterConfigProperty;
import software.amazon.awscdk.services.events.CfnRule.RetryPolicyProperty;

/**
 * How EventBridge delivers to every alert target: retried with its own backoff for at most {@code
 * maxEventAgeSeconds} and {@code maxAttempts}, then parked in the dead-letter queue, so an alert
 * that a target refuses (a revoked Slack webhook, a throttled PagerDuty key) is kept, not lost.
 *
 * @param maxEventAgeSeconds how long to keep retrying (a number or a parameter reference)
 * @param maxAttempts how many retries (a number or a parameter reference)
 * @param deadLetterQueueArn the SQS queue for events no target accepted
 */
public record TargetDelivery(
    Number maxEventAgeSeconds, Number maxAttempts, String deadLetterQueueArn) {

  /** The target's {@code RetryPolicy}. */
  public RetryPolicyProperty retryPolicy() {
    return RetryPolicyProperty.builder()
        .maximumEventAgeInSeconds(maxEventAgeSeconds)
        .maximumRetryAttempts(maxAttempts)
        .build();
  }

  /** The target's {@code DeadLetterConfig}. */
  public DeadLetterConfigProperty deadLetterConfig() {
    return DeadLetterConfigProperty.builder().arn(deadLetterQueueArn).build();
  }
}

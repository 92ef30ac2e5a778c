package dev.errorbridge.localaws.events;

/**
 * A rule's target. An {@code http://} or {@code https://} ARN is an HTTP target that is POSTed the
 * envelope; every other ARN (an SQS queue, SNS topic, Lambda function...) is recorded in memory,
 * where tests and the control API read it.
 *
 * @param id the target id, unique within its rule
 * @param arn where matched events go
 */
public record EventTarget(String id, String arn) {
  /** Whether matched events are POSTed to {@link #arn()} rather than only recorded. */
  public boolean isHttp() {
    return arn.startsWith("http://") || arn.startsWith("https://");
  }
}

package dev.errorbridge.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The poll queue (one message per connection to poll, sent by the scheduler, consumed by the poll
 * workers) and its dead-letter queue.
 */
final class PollQueue extends Construct {

  /**
   * A message that failed this many receives goes to the DLQ. AWS recommends at least 5 for Lambda
   * event sources: a receive also counts when the function was throttled, and a smaller number
   * would dead-letter healthy connections during a burst. Five failures at the visibility timeout
   * (6 min) apart is half an hour of a connection failing in a way its own health tracking did not
   * absorb: worth an alarm.
   */
  static final int MAX_RECEIVE_COUNT = 5;

  /**
   * Five connections per invocation: with partial batch responses one bad connection never re-runs
   * the other four, and five polls of about 12 s each fit the worker's 60 s timeout.
   */
  static final int BATCH_SIZE = 5;

  /** AWS's recommendation for Lambda event sources: six times the function's timeout. */
  static final int VISIBILITY_TIMEOUT_FACTOR = 6;

  private final Queue queue;
  private final Queue deadLetterQueue;

  PollQueue(Construct scope, String id, String namePrefix, Duration workerTimeout) {
    super(scope, id);
    this.deadLetterQueue =
        Queue.Builder.create(this, "DeadLetterQueue")
            .queueName(namePrefix + "-poll-dlq")
            // SQS-managed SSE: the messages name a connection, never a secret, so the Errorbridge
            // key (and its per-message KMS calls) is not needed here.
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            // The maximum: time for someone to look at why a connection kept failing.
            .retentionPeriod(Duration.days(14))
            .build();
    this.queue =
        Queue.Builder.create(this, "Queue")
            .queueName(namePrefix + "-poll")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .visibilityTimeout(
                Duration.seconds(workerTimeout.toSeconds().longValue() * VISIBILITY_TIMEOUT_FACTOR))
            // A poll request older than a day is stale: the scheduler has asked again since.
            .retentionPeriod(Duration.days(1))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deadLetterQueue)
                    .maxReceiveCount(MAX_RECEIVE_COUNT)
                    .build())
            .build();
  }

  Queue queue() {
    return queue;
  }

  Queue deadLetterQueue() {
    return deadLetterQueue;
  }
}

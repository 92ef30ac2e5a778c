package dev.errorbridge.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The alarms, and the SNS topic they notify (with an optional email subscription).
 *
 * <p>Every alarm fires on the first bad datum and returns to OK by itself, notifying both ways.
 * Missing data is "not breaching" for activity metrics (an idle function publishes no Errors), but
 * "ignore" (keep the state) for the state metrics: SQS stops publishing metrics of a queue inactive
 * for six hours although messages still sit in it, and a scheduler that stops publishing the
 * suspended or errored count has not fixed those connections.
 */
final class Alarms extends Construct {

  /** The custom metrics the app publishes (contract in {@code docs/deploy.md}). */
  static final String SUSPENDED_CONNECTIONS = "SuspendedConnections";

  static final String CONNECTIONS_IN_ERROR = "ConnectionsInError";

  /** A poll message older than this means the workers are not keeping up. */
  static final Duration MAX_POLL_MESSAGE_AGE = Duration.minutes(5);

  private static final Duration PERIOD = Duration.minutes(5);

  private final Topic topic;
  private final String namePrefix;

  /**
   * What the alarms watch.
   *
   * @param config the deployment's configuration
   * @param pollQueue the poll queue and its DLQ
   * @param functions the five functions
   */
  record Props(ErrorbridgeProps config, PollQueue pollQueue, Functions functions) {}

  Alarms(Construct scope, String id, Props props) {
    super(scope, id);
    this.namePrefix = props.config().namePrefix();
    // Not encrypted: alarm notifications carry alarm names and metric values, never secrets, and
    // CloudWatch cannot publish to a topic under the AWS managed SNS key.
    this.topic =
        Topic.Builder.create(this, "Topic")
            .topicName(namePrefix + "-alarms")
            .displayName("Errorbridge alarms")
            .enforceSsl(true)
            .build();
    if (props.config().alarmEmail() != null) {
      topic.addSubscription(new EmailSubscription(props.config().alarmEmail()));
    }

    PollQueue queue = props.pollQueue();
    alarm(
        "PollDeadLetters",
        "poll-dlq-depth",
        "Poll requests reached the dead-letter queue: a connection failed "
            + PollQueue.MAX_RECEIVE_COUNT
            + " polls in a row in a way its health tracking did not absorb. Inspect the messages"
            + " (they name the connection) and the PollWorker logs, then redrive or purge.",
        queue.deadLetterQueue().metricApproximateNumberOfMessagesVisible(maximum()),
        0,
        TreatMissingData.IGNORE);
    alarm(
        "PollBacklog",
        "poll-backlog",
        "The oldest poll request has waited over "
            + MAX_POLL_MESSAGE_AGE.toMinutes()
            + " minutes: the poll workers are not keeping up (see their throttles, errors and"
            + " duration; raise pollWorkerMaxConcurrency).",
        queue.queue().metricApproximateAgeOfOldestMessage(maximum()),
        MAX_POLL_MESSAGE_AGE.toSeconds().doubleValue(),
        TreatMissingData.NOT_BREACHING);

    for (FunctionSpec spec : FunctionSpec.values()) {
      alarm(
          spec.id() + "Errors",
          spec.nameSuffix() + "-errors",
          "The " + spec.id() + " function failed (unhandled error or timeout). See its logs.",
          props.functions().get(spec).function().metricErrors(sum()),
          0,
          TreatMissingData.NOT_BREACHING);
    }
    alarm(
        "PollWorkerThrottles",
        "poll-worker-throttles",
        "Poll workers were throttled: the account's Lambda concurrency is exhausted (the event"
            + " source's maximum concurrency alone does not throttle).",
        props.functions().get(FunctionSpec.POLL_WORKER).function().metricThrottles(sum()),
        0,
        TreatMissingData.NOT_BREACHING);
    alarm(
        "SuspendedConnections",
        "suspended-connections",
        "Connections are suspended after repeated destination refusals (access denied, missing"
            + " bus). Their owners must fix the destination and enable them again.",
        connectionsMetric(SUSPENDED_CONNECTIONS),
        0,
        TreatMissingData.IGNORE);
    alarm(
        "ConnectionsInError",
        "connections-in-error",
        "Connections are in ERROR: their platform refuses the key or cannot be read (a wrong base"
            + " URL, repeated 5xx, timeouts, malformed answers), or their destination's KMS key is"
            + " unusable. Each connection's health (GET /connections/{id}) gives the reason and the"
            + " fix; the alarm clears when they work again.",
        connectionsMetric(CONNECTIONS_IN_ERROR),
        0,
        TreatMissingData.IGNORE);
  }

  private static Metric connectionsMetric(String name) {
    return Metric.Builder.create()
        .namespace(Grants.METRIC_NAMESPACE)
        .metricName(name)
        .statistic("Maximum")
        .period(PERIOD)
        .build();
  }

  private void alarm(
      String id,
      String name,
      String description,
      IMetric metric,
      double above,
      TreatMissingData missingData) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmName(namePrefix + "-" + name)
            .alarmDescription(description)
            .metric(metric)
            .threshold(above)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .evaluationPeriods(1)
            .treatMissingData(missingData)
            .build();
    SnsAction action = new SnsAction(topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }

  private static MetricOptions maximum() {
    return MetricOptions.builder().statistic("Maximum").period(PERIOD).build();
  }

  private static MetricOptions sum() {
    return MetricOptions.builder().statistic("Sum").period(PERIOD).build();
  }

  Topic topic() {
    return topic;
  }
}

package dev.errorbridge.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.constructs.Construct;

/**
 * The two one-minute schedules (poll scheduler and retry drain), on EventBridge Scheduler rather
 * than EventBridge rules: each schedule invokes through its own role that may invoke only that
 * function's {@code live} alias (a rule would need a resource policy on the function instead), it
 * has its own retry policy, it is the service AWS recommends for new schedules, and two schedules
 * every minute (86,400 invocations a month) stay inside Scheduler's free tier of 14 million.
 */
final class Schedules extends Construct {

  /** Every minute: the smallest rate both services offer, and the poll interval's granularity. */
  static final Duration RATE = Duration.minutes(1);

  /**
   * Two retries within a minute cover a transient failure of the Invoke call itself (the function
   * is invoked asynchronously, and its own retries are off); anything older is superseded by the
   * next tick.
   */
  static final int RETRY_ATTEMPTS = 2;

  static final Duration MAX_EVENT_AGE = Duration.minutes(1);

  Schedules(
      Construct scope, String id, String namePrefix, IFunction pollSchedule, IFunction drain) {
    super(scope, id);
    everyMinute(
        "PollEveryMinute",
        namePrefix + "-poll",
        "Errorbridge: enqueue the connections due to be polled",
        pollSchedule);
    everyMinute(
        "RetryDrainEveryMinute",
        namePrefix + "-retry-drain",
        "Errorbridge: publish parked webhook events that are due",
        drain);
  }

  private void everyMinute(String id, String name, String description, IFunction target) {
    Schedule.Builder.create(this, id)
        .scheduleName(name)
        .description(description)
        .schedule(ScheduleExpression.rate(RATE))
        .target(
            new LambdaInvoke(
                target,
                ScheduleTargetBaseProps.builder()
                    .retryAttempts(RETRY_ATTEMPTS)
                    .maxEventAge(MAX_EVENT_AGE)
                    .build()))
        .build();
  }
}

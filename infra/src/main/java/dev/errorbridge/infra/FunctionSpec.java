package dev.errorbridge.infra;

import software.amazon.awscdk.Duration;

/**
 * The five Lambda functions, all running the one {@code connector-lambda.jar}: which handler,
 * memory and timeout, and why.
 *
 * <p>Memory buys CPU on Lambda (one vCPU's worth at 1,769 MB, proportionally less below). Java
 * spends its first requests after a restore in class loading, JIT and JSON/SDK marshalling, which
 * is CPU-bound: halving the memory roughly doubles that time at about the same GB-seconds, so it
 * saves little money and costs latency. The functions that answer people or publish therefore run
 * at 1,024 MB (about 0.58 vCPU); only the once-a-minute scheduler, which mostly waits on DynamoDB
 * and SQS, runs at 512 MB. All five stay at the 512 MB default ephemeral storage SnapStart
 * requires.
 */
enum FunctionSpec {

  /**
   * Every minute: queries the sparse {@code enabled} index (16 shards) and sends one SQS message
   * per due connection in batches of 10. It is I/O-bound and runs once a minute, so 512 MB is
   * plenty; the timeout is 55 s so that a slow run ends before the next tick starts one of its own.
   */
  POLL_SCHEDULE(
      "PollSchedule",
      "poll-schedule",
      "dev.errorbridge.lambda.PollScheduleHandler::handleRequest",
      512,
      Duration.seconds(55),
      "Every minute: enqueues one SQS message per enabled connection that is due to be polled"),

  /**
   * Polls up to {@link PollQueue#BATCH_SIZE} connections per invocation within its remaining time.
   * 60 s gives each connection about 12 s (a platform page, a PutEvents batch with its retries, the
   * dedup and checkpoint writes); the queue's visibility timeout is six times this, as AWS
   * recommends for SQS event sources.
   */
  POLL_WORKER(
      "PollWorker",
      "poll-worker",
      "dev.errorbridge.lambda.PollWorkerHandler::handleRequest",
      1024,
      Duration.seconds(60),
      "Polls the connections named in an SQS batch and publishes their failures"),

  /**
   * Webhook senders give up after 5-15 s (EventBridge API destinations after 5 s), so 10 s is the
   * most time worth spending: the handler verifies, records and acknowledges, and parks what it
   * cannot publish in time for the retry drain. 1,024 MB keeps the warm path well under 100 ms.
   */
  WEBHOOK(
      "Webhook",
      "webhook",
      "dev.errorbridge.lambda.WebhookHandler::handleRequest",
      1024,
      Duration.seconds(10),
      "Receives platform webhooks (POST /webhooks/{connectionId}), verifies and publishes them"),

  /**
   * Interactive API calls; the slowest is the connection test (AssumeRole, DescribeEventBus, a test
   * PutEvents, KMS). 25 s stays under API Gateway's 30 s integration limit so the caller gets the
   * function's own error, not a gateway 503.
   */
  SETTINGS_API(
      "SettingsApi",
      "settings-api",
      "dev.errorbridge.lambda.SettingsApiHandler::handleRequest",
      1024,
      Duration.seconds(25),
      "The IAM-authorised connection settings API"),

  /**
   * Every minute (and on request): publishes parked webhook events that are due and replays dead
   * letters. Publishing is the same work as the poll worker's, hence the same memory; 55 s ends a
   * run before the next tick.
   */
  RETRY_DRAIN(
      "RetryDrain",
      "retry-drain",
      "dev.errorbridge.lambda.RetryDrainHandler::handleRequest",
      1024,
      Duration.seconds(55),
      "Every minute: publishes parked webhook events that are due; replays dead letters on request");

  private final String id;
  private final String nameSuffix;
  private final String handler;
  private final int memoryMb;
  private final Duration timeout;
  private final String description;

  FunctionSpec(
      String id,
      String nameSuffix,
      String handler,
      int memoryMb,
      Duration timeout,
      String description) {
    this.id = id;
    this.nameSuffix = nameSuffix;
    this.handler = handler;
    this.memoryMb = memoryMb;
    this.timeout = timeout;
    this.description = description;
  }

  /** The construct id. */
  String id() {
    return id;
  }

  /** The function name: the deployment's prefix, a dash and this suffix. */
  String functionName(String namePrefix) {
    return namePrefix + "-" + nameSuffix;
  }

  /** What the function name ends with. */
  String nameSuffix() {
    return nameSuffix;
  }

  /** {@code class::method}, as Lambda expects it. */
  String handler() {
    return handler;
  }

  int memoryMb() {
    return memoryMb;
  }

  Duration timeout() {
    return timeout;
  }

  String description() {
    return description;
  }
}

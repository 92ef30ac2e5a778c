package dev.errorbridge.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.errorbridge.lambda.bench.AwsCallCounter;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.sqs.SqsMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Lambda fan-out on one machine, behind {@code bench/fan-out.sh}: {@code CONNECTIONS} idle Dify
 * connections (WireMock answers an empty page) in DynamoDB Local, local-aws for KMS, SQS and
 * EventBridge; {@link PollScheduleHandler} enqueues the due connections (local-aws's SQS records
 * the messages), then for each M in {@code WORKERS} (1,2,4,8) M threads, each with its own {@link
 * PollWorkerHandler} on its own {@code ConnectorComponents} (as M Lambda sandboxes would have),
 * (threads named {@code fanout-worker-*}) take SQS batch events of {@value #BATCH} messages (the
 * event source's batch size) through {@code handleRequest} until none are left. A warm-up cycle
 * runs first (Lambda's SnapStart restores warm code too). Per cycle: wall time, the CPU of the
 * handlers' threads (the workers, their poll pools, the publisher and the SDK's; DynamoDB Local,
 * local-aws and WireMock run in this JVM too and are excluded), platform requests, and AWS calls by
 * operation (counted by {@link AwsCallCounter}).
 *
 * <p>Cost per million polls, from these: Lambda GB-s = CPU-s ÷ (memory ÷ 1,769 MB, the vCPU share)
 * × memory (CPU-bound lower bound; the wall time of M=1 gives the I/O-bound upper bound), at
 * {@value #WORKER_MB} MB (infra's poll-worker) and $0.0000166667 per GB-s plus $0.20 per million
 * invocations (one per {@value #BATCH}); SQS $0.40 per million requests (the send measured, plus
 * Lambda's receive and delete, one each per batch); DynamoDB on demand $0.125 per million read
 * units and $0.625 per million write units, one unit per read or write call (items under 1 KB,
 * strongly consistent reads under 4 KB), two per item of a transaction. Last line: {@code RESULT
 * connections=… scheduler_s=… cycle_s_m1=… cycle_s_m8=… speedup_m8=… cpu_ms_per_connection=…
 * usd_per_million_polls=…}.
 */
final class FanOutBench {
  static final int BATCH = 5;
  static final int WORKER_MB = 1024;
  static final int SCHEDULER_MB = 512;
  static final double USD_PER_GB_SECOND = 0.0000166667;
  static final double USD_PER_INVOCATION = 0.20 / 1e6;
  static final double USD_PER_SQS_REQUEST = 0.40 / 1e6;
  static final double USD_PER_READ_UNIT = 0.125 / 1e6;
  static final double USD_PER_WRITE_UNIT = 0.625 / 1e6;
  static final double MB_PER_VCPU = 1769.0;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMPTY_PAGE =
      "{\"page\":1,\"limit\":100,\"has_more\":false,\"data\":[]}";
  private static final List<String> HANDLER_THREADS = List.of("poll-", "errorbridge-", "sdk-");

  private FanOutBench() {}

  public static void main(String[] args) throws Exception {
    int connections = intSetting("CONNECTIONS", 10_000);
    List<Integer> workers =
        java.util.Arrays.stream(setting("WORKERS", "1,2,4,8").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    System.out.printf("fan-out: connections=%d workers=%s batch=%d%n", connections, workers, BATCH);
    WireMockServer platform =
        new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
    platform.start();
    platform.stubFor(get(urlPathMatching("/.*/v1/workflows/logs")).willReturn(okJson(EMPTY_PAGE)));
    LocalAws aws = LocalAws.start();
    LocalDynamoDb dynamoDb = LocalDynamoDb.start();
    try (TestStack stack = new TestStack(aws, dynamoDb);
        SqsClient sqs = stack.sqs()) {
      String origin = "http://127.0.0.1:" + platform.port();
      long created = System.nanoTime();
      for (int i = 0; i < connections; i++) {
        PollConnections.dify(stack.components(), String.format("cn_%05d", i), origin);
      }
      System.out.printf(
          "created %d connections in %.1f s%n", connections, (System.nanoTime() - created) / 1e9);
      String queueUrl = sqs.createQueue(r -> r.queueName("errorbridge-poll")).queueUrl();

      // Tick 1: nothing polled yet. Warm-up cycle on 4 workers. Tick 2, a minute later by the
      // scheduler's clock, reads the checkpoints the warm-up wrote: the scheduler figure.
      Tick first = tick(stack, sqs, queueUrl, aws, Duration.ZERO);
      System.out.printf(
          "tick 1 (no checkpoints yet): due=%d scheduler_s=%.2f%n",
          first.messages().size(), first.seconds());
      Cycle warmUp = cycle(stack, first.messages(), 4, platform, "warm-up");
      print(warmUp, connections);
      Tick tick = tick(stack, sqs, queueUrl, aws, Duration.ofMinutes(1));
      System.out.printf(
          "tick 2 (every checkpoint read): due=%d scheduler_s=%.2f calls=%s%n",
          tick.messages().size(), tick.seconds(), tick.calls());
      List<Cycle> cycles = new ArrayList<>();
      for (int m : workers) {
        Cycle cycle = cycle(stack, tick.messages(), m, platform, "m" + m);
        print(cycle, connections);
        cycles.add(cycle);
      }
      result(connections, tick, cycles);
    } finally {
      dynamoDb.close();
      aws.close();
      platform.stop();
    }
    System.exit(0);
  }

  record Tick(List<SqsMessage> messages, double seconds, Map<String, Long> calls) {}

  record Cycle(
      String name,
      int workers,
      double seconds,
      double handlerCpuSeconds,
      double processCpuSeconds,
      long platformRequests,
      Map<String, Long> calls,
      int failures,
      double batchSecondsSum,
      int batches) {}

  /** One scheduler invocation with its clock {@code ahead}; the messages it enqueued. */
  private static Tick tick(
      TestStack stack, SqsClient sqs, String queueUrl, LocalAws aws, Duration ahead) {
    aws.sqs().clearMessages();
    PollScheduleHandler scheduler =
        new PollScheduleHandler(
            stack.anotherFunction(Clock.offset(Clock.systemUTC(), ahead)),
            new PollQueue(sqs, queueUrl),
            TestStack.REGION,
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
            Clock.offset(Clock.systemUTC(), ahead));
    AwsCallCounter.drain();
    long started = System.nanoTime();
    scheduler.run();
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Tick(aws.sqs().messages(queueUrl), seconds, AwsCallCounter.drain());
  }

  /** One cycle: {@code m} worker sandboxes drain batches of the tick's messages. */
  private static Cycle cycle(
      TestStack stack, List<SqsMessage> messages, int m, WireMockServer platform, String name)
      throws InterruptedException {
    ConcurrentLinkedQueue<byte[]> batches = new ConcurrentLinkedQueue<>();
    for (int from = 0; from < messages.size(); from += BATCH) {
      batches.add(event(messages.subList(from, Math.min(messages.size(), from + BATCH))));
    }
    int batchCount = batches.size();
    List<PollWorkerHandler> handlers = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      handlers.add(
          new PollWorkerHandler(
              stack.anotherFunction(Clock.systemUTC()), TestStack.REGION, Clock.systemUTC()));
    }
    platform.resetRequests();
    AwsCallCounter.drain();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpuBefore = handlerThreadCpu(threads);
    long processBefore = processCpuNanos();
    AtomicLong failures = new AtomicLong();
    AtomicLong batchNanos = new AtomicLong();
    AtomicLong workerCpu = new AtomicLong(); // each worker adds its own before it ends
    CountDownLatch done = new CountDownLatch(m);
    long started = System.nanoTime();
    for (int i = 0; i < m; i++) {
      PollWorkerHandler handler = handlers.get(i);
      Thread worker =
          new Thread(
              () -> {
                try {
                  for (byte[] batch = batches.poll(); batch != null; batch = batches.poll()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    long one = System.nanoTime();
                    handler.handleRequest(
                        new ByteArrayInputStream(batch), out, TestContext.withMinutes(1));
                    batchNanos.addAndGet(System.nanoTime() - one);
                    int failed = JSON.readTree(out.toByteArray()).path("batchItemFailures").size();
                    failures.addAndGet(failed);
                  }
                } catch (Exception e) {
                  e.printStackTrace();
                } finally {
                  workerCpu.addAndGet(threads.getCurrentThreadCpuTime());
                  done.countDown();
                }
              },
              "fanout-worker-" + i);
      worker.start();
    }
    done.await();
    double seconds = (System.nanoTime() - started) / 1e9;
    double handlerCpu = (handlerThreadCpu(threads, cpuBefore) + workerCpu.get()) / 1e9;
    double processCpu = (processCpuNanos() - processBefore) / 1e9;
    long requests = platform.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    return new Cycle(
        name,
        m,
        seconds,
        handlerCpu,
        processCpu,
        requests,
        AwsCallCounter.drain(),
        (int) failures.get(),
        batchNanos.get() / 1e9,
        batchCount);
  }

  /** An SQS batch event as Lambda's event source builds it, naming these messages. */
  private static byte[] event(List<SqsMessage> messages) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (SqsMessage message : messages) {
      ObjectNode record = records.addObject();
      record
          .put("messageId", message.messageId())
          .put("receiptHandle", "AQEB" + message.messageId())
          .put("body", message.body())
          .put("md5OfBody", "0".repeat(32))
          .put("eventSource", "aws:sqs")
          .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:errorbridge-poll")
          .put("awsRegion", "us-east-1");
      record
          .putObject("attributes")
          .put("ApproximateReceiveCount", "1")
          .put("SentTimestamp", Long.toString(message.sentAt().toEpochMilli()))
          .put("SenderId", "AROAEXAMPLEROLEID0005:errorbridge-poll-schedule")
          .put("ApproximateFirstReceiveTimestamp", Long.toString(message.sentAt().toEpochMilli()));
      record.putObject("messageAttributes");
    }
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Map<Long, Long> handlerThreadCpu(ThreadMXBean threads) {
    Map<Long, Long> cpu = new java.util.HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && isHandlerThread(info.getThreadName())) {
        cpu.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
      }
    }
    return cpu;
  }

  /** CPU the handler threads used since {@code before} (threads started since count whole). */
  private static long handlerThreadCpu(ThreadMXBean threads, Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> now : handlerThreadCpu(threads).entrySet()) {
      total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
    }
    return total;
  }

  private static boolean isHandlerThread(String name) {
    return HANDLER_THREADS.stream().anyMatch(name::startsWith);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void print(Cycle c, int connections) {
    System.out.printf(
        Locale.ROOT,
        "cycle %s: workers=%d wall_s=%.2f handler_cpu_ms_per_connection=%.2f"
            + " process_cpu_ms_per_connection=%.2f platform_requests_per_connection=%.2f"
            + " failures=%d mean_batch_ms=%.1f calls=%s%n",
        c.name(),
        c.workers(),
        c.seconds(),
        c.handlerCpuSeconds() * 1000 / connections,
        c.processCpuSeconds() * 1000 / connections,
        (double) c.platformRequests() / connections,
        c.failures(),
        c.batchSecondsSum() * 1000 / Math.max(1, c.batches()),
        c.calls());
  }

  private static void result(int connections, Tick tick, List<Cycle> cycles) {
    Cycle m1 = cycles.stream().filter(c -> c.workers() == 1).findFirst().orElse(cycles.get(0));
    Cycle m8 =
        cycles.stream()
            .filter(c -> c.workers() == 8)
            .findFirst()
            .orElse(cycles.get(cycles.size() - 1));
    // CPU per connection does not depend on M: the median over the measured cycles.
    double[] cpu =
        cycles.stream()
            .mapToDouble(c -> c.handlerCpuSeconds() * 1000 / connections)
            .sorted()
            .toArray();
    double cpuMs = cpu[cpu.length / 2];
    double memoryGb = WORKER_MB / 1024.0;
    double vcpu = WORKER_MB / MB_PER_VCPU;
    double gbsPerPollCpu = cpuMs / 1000 / vcpu * memoryGb;
    double gbsPerPollWall = m1.batchSecondsSum() / connections * memoryGb;
    Map<String, Long> calls = m1.calls();
    double reads =
        calls.getOrDefault("DynamoDb.GetItem", 0L)
            + calls.getOrDefault("DynamoDb.Query", 0L)
            + calls.getOrDefault("DynamoDb.BatchGetItem.items", 0L);
    double writes =
        calls.getOrDefault("DynamoDb.PutItem", 0L)
            + calls.getOrDefault("DynamoDb.UpdateItem", 0L)
            + calls.getOrDefault("DynamoDb.DeleteItem", 0L)
            + 2.0 * calls.getOrDefault("DynamoDb.TransactWriteItems.items", 0L);
    Map<String, Long> scheduled = tick.calls();
    double schedulerReads =
        scheduled.getOrDefault("DynamoDb.Query", 0L)
            + scheduled.getOrDefault("DynamoDb.BatchGetItem.items", 0L)
            + scheduled.getOrDefault("DynamoDb.GetItem", 0L);
    double sqsRequests =
        scheduled.getOrDefault("Sqs.SendMessageBatch", 0L) + 2.0 * connections / BATCH;
    double perPoll =
        gbsPerPollCpu * USD_PER_GB_SECOND
            + USD_PER_INVOCATION / BATCH
            + sqsRequests / connections * USD_PER_SQS_REQUEST
            + (reads + schedulerReads) / connections * USD_PER_READ_UNIT
            + writes / connections * USD_PER_WRITE_UNIT
            + tick.seconds() * SCHEDULER_MB / 1024.0 * USD_PER_GB_SECOND / connections;
    double perPollWall =
        perPoll - gbsPerPollCpu * USD_PER_GB_SECOND + gbsPerPollWall * USD_PER_GB_SECOND;
    double cycleUsd = perPoll * connections;
    System.out.printf(
        Locale.ROOT,
        "per connection: dynamodb_calls=%.2f (reads %.2f, writes %.2f units; scheduler reads %.3f)"
            + " sqs_requests=%.2f platform_requests=%.2f%n",
        (double)
                calls.entrySet().stream()
                    .filter(
                        e -> e.getKey().startsWith("DynamoDb.") && !e.getKey().endsWith(".items"))
                    .mapToLong(Map.Entry::getValue)
                    .sum()
            / connections,
        reads / connections,
        writes / connections,
        schedulerReads / connections,
        sqsRequests / connections,
        (double) m1.platformRequests() / connections);
    System.out.printf(
        Locale.ROOT,
        "lambda at %d MB: gb_s_per_poll=%.5f from CPU (%.5f from M=1 wall time) gb_s_per_cycle=%.1f"
            + " usd_per_cycle=%.4f usd_per_million_polls=%.2f (%.2f from wall time)%n",
        WORKER_MB,
        gbsPerPollCpu,
        gbsPerPollWall,
        gbsPerPollCpu * connections,
        cycleUsd,
        perPoll * 1e6,
        perPollWall * 1e6);
    System.out.printf(
        Locale.ROOT,
        "prices: Lambda $%.10f/GB-s (x86; arm64 is $0.0000133334) + $0.20/M invocations, SQS"
            + " $0.40/M requests, DynamoDB on-demand $0.125/M RRU + $0.625/M WRU%n",
        USD_PER_GB_SECOND);
    System.out.printf(
        Locale.ROOT,
        "RESULT connections=%d scheduler_s=%.2f cycle_s_m1=%.2f cycle_s_m8=%.2f speedup_m8=%.2f"
            + " cpu_ms_per_connection=%.2f usd_per_million_polls=%.2f%n",
        connections,
        tick.seconds(),
        m1.seconds(),
        m8.seconds(),
        m1.seconds() / m8.seconds(),
        cpuMs,
        perPoll * 1e6);
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int intSetting(String name, int fallback) {
    return Integer.parseInt(setting(name, Integer.toString(fallback)));
  }
}

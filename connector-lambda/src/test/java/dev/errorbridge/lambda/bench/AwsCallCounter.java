package dev.errorbridge.lambda.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Counts every AWS SDK call of the JVM by {@code Service.Operation}, and the items of the calls
 * that carry several ({@code BatchGetItem} keys, {@code TransactWriteItems} items), for {@code
 * bench/fan-out.sh}. The script registers it for every client through the SDK's global interceptor
 * file ({@code software/amazon/awssdk/global/handlers/execution.interceptors}) in a directory of
 * its own on the class path, so no test sees it.
 */
public final class AwsCallCounter implements ExecutionInterceptor {
  private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String key =
        attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
            + "."
            + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    CALLS.computeIfAbsent(key, k -> new LongAdder()).increment();
    SdkRequest request = context.request();
    if (request instanceof BatchGetItemRequest batch) {
      long keys = batch.requestItems().values().stream().mapToLong(k -> k.keys().size()).sum();
      CALLS.computeIfAbsent(key + ".items", k -> new LongAdder()).add(keys);
    } else if (request instanceof TransactWriteItemsRequest transaction) {
      CALLS
          .computeIfAbsent(key + ".items", k -> new LongAdder())
          .add(transaction.transactItems().size());
    }
  }

  /** The counts so far, and starts again from zero. */
  public static Map<String, Long> drain() {
    Map<String, Long> counts = new TreeMap<>();
    CALLS.forEach((k, v) -> counts.put(k, v.sumThenReset()));
    counts.values().removeIf(v -> v == 0);
    return counts;
  }
}

package dev.errorbridge.localaws.sqs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The queues of local-aws's SQS, per account and region, and every message sent to them in order.
 * Thread-safe. Messages are only recorded: nothing receives or deletes them.
 */
public final class SqsQueues {
  /** At most this many messages are kept per queue; older ones are dropped first. */
  public static final int MAX_MESSAGES_PER_QUEUE = 10_000;

  private final Supplier<URI> endpoint;
  // Key: account/region/name.
  private final Map<String, List<SqsMessage>> queues = new ConcurrentHashMap<>();

  /**
   * @param endpoint local-aws's endpoint, the base of every queue URL
   */
  public SqsQueues(Supplier<URI> endpoint) {
    this.endpoint = endpoint;
  }

  /** Creates the queue if it does not exist (as SQS does for the same name) and returns its URL. */
  public String create(String accountId, String region, String name) {
    queues.computeIfAbsent(key(accountId, region, name), k -> new ArrayList<>());
    return url(accountId, name);
  }

  /** The queue's URL, or {@code null} when it does not exist. */
  public String urlOf(String accountId, String region, String name) {
    return queues.containsKey(key(accountId, region, name)) ? url(accountId, name) : null;
  }

  /** Whether the queue exists in the account and region. */
  public boolean exists(String accountId, String region, String name) {
    return queues.containsKey(key(accountId, region, name));
  }

  /** The messages sent to a queue (by its URL), oldest first; empty for an unknown queue. */
  public List<SqsMessage> messages(String queueUrl) {
    List<SqsMessage> all = new ArrayList<>();
    queues.forEach(
        (key, messages) -> {
          synchronized (messages) {
            messages.stream().filter(m -> m.queueUrl().equals(queueUrl)).forEach(all::add);
          }
        });
    return all;
  }

  /** Forgets every recorded message; the queues stay. */
  public void clearMessages() {
    queues
        .values()
        .forEach(
            messages -> {
              synchronized (messages) {
                messages.clear();
              }
            });
  }

  void record(String accountId, String region, String name, SqsMessage message) {
    List<SqsMessage> messages = queues.get(key(accountId, region, name));
    synchronized (messages) {
      if (messages.size() >= MAX_MESSAGES_PER_QUEUE) {
        messages.remove(0);
      }
      messages.add(message);
    }
  }

  private String url(String accountId, String name) {
    return endpoint.get() + "/" + accountId + "/" + name;
  }

  private static String key(String accountId, String region, String name) {
    return accountId + "/" + region + "/" + name;
  }
}

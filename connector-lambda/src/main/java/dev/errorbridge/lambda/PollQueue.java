package dev.errorbridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The poll queue: one SQS message per connection to poll, {@code {"connectionId":"…"}}, sent in
 * batches of 10 ({@code SendMessageBatch}'s limit). An entry SQS refuses for a transient reason is
 * sent once more in the next batch call; what still fails is reported, never thrown, so that one
 * bad batch does not stop the others (the next tick enqueues those connections again).
 */
final class PollQueue {
  static final int BATCH = 10;
  private static final Logger LOG = LoggerFactory.getLogger(PollQueue.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;
  private final String queueUrl;

  PollQueue(SqsClient sqs, String queueUrl) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
  }

  /**
   * What one enqueue did.
   *
   * @param enqueued how many messages SQS accepted
   * @param failed the connection ids that could not be enqueued
   */
  record Report(int enqueued, List<String> failed) {
    Report {
      failed = List.copyOf(failed);
    }
  }

  /** Enqueues one message per connection id. */
  Report enqueue(List<String> connectionIds) {
    int enqueued = 0;
    List<String> failed = new ArrayList<>();
    for (int from = 0; from < connectionIds.size(); from += BATCH) {
      List<String> batch =
          connectionIds.subList(from, Math.min(from + BATCH, connectionIds.size()));
      List<String> refused = send(batch);
      if (!refused.isEmpty()) {
        refused = send(refused); // once more: SQS refuses entries for transient reasons too
      }
      enqueued += batch.size() - refused.size();
      failed.addAll(refused);
    }
    if (!failed.isEmpty()) {
      LOG.warn("poll queue refused messages count={} first={}", failed.size(), failed.get(0));
    }
    return new Report(enqueued, failed);
  }

  /** Sends one batch; returns the ids SQS did not accept. */
  private List<String> send(List<String> ids) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(String.valueOf(i))
              .messageBody(body(ids.get(i)))
              .build());
    }
    SendMessageBatchResponse response;
    try {
      response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    } catch (SdkException e) {
      LOG.warn("SendMessageBatch failed count={}", ids.size(), e);
      return ids;
    }
    Map<String, BatchResultErrorEntry> errors =
        response.failed().stream().collect(Collectors.toMap(BatchResultErrorEntry::id, e -> e));
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      BatchResultErrorEntry error = errors.get(String.valueOf(i));
      if (error != null) {
        LOG.debug(
            "poll queue refused connectionId={} code={} senderFault={}",
            ids.get(i),
            error.code(),
            error.senderFault());
        refused.add(ids.get(i));
      }
    }
    return refused;
  }

  /** The body of the message for one connection. */
  static String body(String connectionId) {
    ObjectNode body = JSON.createObjectNode().put("connectionId", connectionId);
    return body.toString();
  }

  /** The connection id a message names, or empty when the body is not one of ours. */
  static Optional<String> connectionId(String body) {
    if (body == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode id = node == null ? null : node.get("connectionId");
      return id != null && id.isTextual() && !id.textValue().isBlank()
          ? Optional.of(id.textValue())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

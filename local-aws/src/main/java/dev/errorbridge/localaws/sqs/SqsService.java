package dev.errorbridge.localaws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.AwsJsonService;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.Json;
import dev.errorbridge.localaws.internal.JsonFields;
import dev.errorbridge.localaws.internal.RequestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A minimal Amazon SQS over the AWS JSON 1.0 protocol ({@code X-Amz-Target: AmazonSQS.*}, signing
 * name {@code sqs}), enough for a producer: {@code CreateQueue}, {@code GetQueueUrl}, {@code
 * SendMessage} and {@code SendMessageBatch}. Sent messages are recorded in {@link SqsQueues}, never
 * delivered.
 *
 * <p>Validated as SQS does: a queue belongs to the signing account and region ({@code
 * QueueDoesNotExist} otherwise); a batch has 1-10 entries ({@code EmptyBatchRequest}, {@code
 * TooManyEntriesInBatchRequest}) with distinct ids of 1-80 letters, digits, {@code -} and {@code _}
 * ({@code BatchEntryIdsNotDistinct}, {@code InvalidBatchEntryId}) and at most 256 KiB of bodies in
 * all ({@code BatchRequestTooLong}); a body is non-empty. Answers carry {@code MD5OfMessageBody},
 * which the SDK checks. Not emulated: message attributes (refused, since the SDK would check their
 * digest), FIFO queues, receiving, visibility and deletion.
 */
public final class SqsService implements AwsJsonService {
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;
  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private final SqsQueues queues;

  public SqsService(SqsQueues queues) {
    this.queues = queues;
  }

  @Override
  public String targetPrefix() {
    return "AmazonSQS";
  }

  @Override
  public String signingName() {
    return "sqs";
  }

  @Override
  public JsonNode handle(String operation, ObjectNode request, RequestContext context) {
    return switch (operation) {
      case "CreateQueue" -> createQueue(request, context);
      case "GetQueueUrl" -> getQueueUrl(request, context);
      case "SendMessage" -> sendMessage(request, context);
      case "SendMessageBatch" -> sendMessageBatch(request, context);
      default ->
          throw AwsServiceException.clientError(
              "UnsupportedOperation", "local-aws's SQS does not emulate " + operation);
    };
  }

  private JsonNode createQueue(ObjectNode request, RequestContext context) {
    String name = JsonFields.requiredString(request, "QueueName");
    if (!QUEUE_NAME.matcher(name).matches()) {
      throw invalidParameter(
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    return Json.object()
        .put("QueueUrl", queues.create(context.accountId(), context.region(), name));
  }

  private JsonNode getQueueUrl(ObjectNode request, RequestContext context) {
    String name = JsonFields.requiredString(request, "QueueName");
    String url = queues.urlOf(context.accountId(), context.region(), name);
    if (url == null) {
      throw queueDoesNotExist();
    }
    return Json.object().put("QueueUrl", url);
  }

  private JsonNode sendMessage(ObjectNode request, RequestContext context) {
    String queueUrl = JsonFields.requiredString(request, "QueueUrl");
    String name = queueName(queueUrl, context);
    refuseAttributes(request);
    String body = body(request);
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      throw invalidParameter("One or more parameters are invalid. Reason: Message must be shorter");
    }
    SqsMessage message = record(queueUrl, name, body, request, context);
    return Json.object().put("MessageId", message.messageId()).put("MD5OfMessageBody", md5(body));
  }

  private JsonNode sendMessageBatch(ObjectNode request, RequestContext context) {
    String queueUrl = JsonFields.requiredString(request, "QueueUrl");
    String name = queueName(queueUrl, context);
    JsonNode entries = request.get("Entries");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      throw AwsServiceException.clientError(
          "EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry.");
    }
    if (entries.size() > 10) {
      throw AwsServiceException.clientError(
          "TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10.");
    }
    Set<String> ids = new HashSet<>();
    long payload = 0;
    for (JsonNode entry : entries) {
      if (!(entry instanceof ObjectNode object)) {
        throw AwsServiceException.validation("Entries must be objects");
      }
      String id = JsonFields.requiredString(object, "Id");
      if (!ENTRY_ID.matcher(id).matches()) {
        throw AwsServiceException.clientError(
            "InvalidBatchEntryId",
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                + "It can be at most 80 letters long.");
      }
      if (!ids.add(id)) {
        throw AwsServiceException.clientError(
            "BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
      }
      refuseAttributes(object);
      payload += body(object).getBytes(StandardCharsets.UTF_8).length;
    }
    if (payload > MAX_PAYLOAD_BYTES) {
      throw AwsServiceException.clientError(
          "BatchRequestTooLong",
          "Batch requests cannot be longer than " + MAX_PAYLOAD_BYTES + " bytes.");
    }
    ArrayNode successful = Json.array();
    for (JsonNode entry : entries) {
      ObjectNode object = (ObjectNode) entry;
      String body = body(object);
      SqsMessage message = record(queueUrl, name, body, object, context);
      successful
          .addObject()
          .put("Id", object.get("Id").textValue())
          .put("MessageId", message.messageId())
          .put("MD5OfMessageBody", md5(body));
    }
    ObjectNode response = Json.object();
    response.set("Successful", successful);
    response.set("Failed", Json.array());
    return response;
  }

  private SqsMessage record(
      String queueUrl, String name, String body, ObjectNode request, RequestContext context) {
    int delay = JsonFields.optionalInt(request, "DelaySeconds", 0);
    if (delay < 0 || delay > 900) {
      throw invalidParameter("Value " + delay + " for parameter DelaySeconds is invalid.");
    }
    SqsMessage message =
        new SqsMessage(
            queueUrl,
            UUID.randomUUID().toString(),
            body,
            delay,
            context.accountId(),
            context.receivedAt());
    queues.record(context.accountId(), context.region(), name, message);
    return message;
  }

  /** The queue's name, if the URL names a queue of the signing account and region. */
  private String queueName(String queueUrl, RequestContext context) {
    String path;
    try {
      path = URI.create(queueUrl).getPath();
    } catch (IllegalArgumentException e) {
      throw queueDoesNotExist();
    }
    String[] segments = path == null ? new String[0] : path.split("/");
    if (segments.length != 3 || !segments[1].equals(context.accountId())) {
      throw queueDoesNotExist();
    }
    if (!queues.exists(context.accountId(), context.region(), segments[2])) {
      throw queueDoesNotExist();
    }
    return segments[2];
  }

  private static String body(ObjectNode request) {
    String body = JsonFields.requiredString(request, "MessageBody");
    if (body.isEmpty()) {
      throw invalidParameter("The request must contain the parameter MessageBody.");
    }
    return body;
  }

  private static void refuseAttributes(ObjectNode request) {
    if (request.has("MessageAttributes") || request.has("MessageSystemAttributes")) {
      throw invalidParameter("local-aws's SQS does not emulate message attributes");
    }
  }

  private static AwsServiceException queueDoesNotExist() {
    return AwsServiceException.clientError(
        "QueueDoesNotExist", "The specified queue does not exist.");
  }

  private static AwsServiceException invalidParameter(String message) {
    return AwsServiceException.clientError("InvalidParameterValue", message);
  }

  static String md5(String body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}

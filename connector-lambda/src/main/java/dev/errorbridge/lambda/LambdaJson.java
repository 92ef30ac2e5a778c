package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.inbound.JsonFieldReader;
import dev.errorbridge.connector.inbound.StrictJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Lambda events and writes responses with the Jackson that connector-core loads anyway, so
 * that a handler streaming its own JSON spares the Lambda Java runtime's event serializer (its own
 * shaded Jackson, joda-time and reflection over the event classes: about a third of a second of a
 * cold start, see docs/benchmarks.md). Events are read through Jackson's tree model into the
 * aws-lambda-java-events classes by hand, which is another ~70 ms cheaper on a cold JVM than bean
 * binding (no introspection of the event classes). Every member of the payload 2.0 format is read
 * except the JWT and Lambda authorisers' contexts, which no Errorbridge route uses, and of an SQS
 * message every member but its message attributes; unknown members are ignored, as the runtime
 * ignores them, and a member of the wrong type is named ({@link JsonFieldReader}), never guessed.
 * Events are read through {@link StrictJson}, the one reader of every inbound body.
 */
final class LambdaJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaJson() {}

  /** {@code an object}, {@code an array}, {@code a string}, … for a problem's "not …" part. */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "another kind of value";
    };
  }

  static void write(OutputStream output, Object value) throws IOException {
    JSON.writeValue(output, value);
  }

  /** Writes the response as API Gateway and Function URLs expect it. */
  static void writeHttpResponse(OutputStream output, APIGatewayV2HTTPResponse response)
      throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.put("statusCode", response.getStatusCode());
    if (response.getHeaders() != null) {
      ObjectNode headers = json.putObject("headers");
      response.getHeaders().forEach(headers::put);
    }
    if (response.getBody() != null) {
      json.put("body", response.getBody());
    }
    json.put("isBase64Encoded", response.getIsBase64Encoded());
    JSON.writeValue(output, json);
  }

  /**
   * {@code {"error", "message", "problems": [{"field", "message"}]}}, the settings API's shape of a
   * refusal.
   */
  static String problem(String error, String message, List<FieldProblem> problems) {
    ObjectNode json = JSON.createObjectNode();
    json.put("error", error);
    json.put("message", message);
    ArrayNode list = json.putArray("problems");
    problems.forEach(p -> list.addObject().put("field", p.field()).put("message", p.message()));
    return json.toString();
  }

  /**
   * Reads the members of a payload 2.0 event (the caller has checked {@code version}), adding a
   * problem to {@code fields} for each member of the wrong type.
   */
  static APIGatewayV2HTTPEvent httpEvent(JsonNode json, JsonFieldReader fields) {
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setVersion(fields.string(json, "", "version"));
    event.setRouteKey(fields.string(json, "", "routeKey"));
    event.setRawPath(fields.string(json, "", "rawPath"));
    event.setRawQueryString(fields.string(json, "", "rawQueryString"));
    event.setCookies(fields.strings(json, "", "cookies"));
    event.setHeaders(fields.stringMap(json, "", "headers"));
    event.setQueryStringParameters(fields.stringMap(json, "", "queryStringParameters"));
    event.setPathParameters(fields.stringMap(json, "", "pathParameters"));
    event.setStageVariables(fields.stringMap(json, "", "stageVariables"));
    event.setBody(fields.string(json, "", "body"));
    event.setIsBase64Encoded(Boolean.TRUE.equals(fields.bool(json, "", "isBase64Encoded")));
    JsonNode context = fields.object(json, "", "requestContext");
    if (context != null) {
      event.setRequestContext(requestContext(context, fields));
    }
    return event;
  }

  private static APIGatewayV2HTTPEvent.RequestContext requestContext(
      JsonNode json, JsonFieldReader fields) {
    String at = "requestContext.";
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    context.setRouteKey(fields.string(json, at, "routeKey"));
    context.setAccountId(fields.string(json, at, "accountId"));
    context.setStage(fields.string(json, at, "stage"));
    context.setApiId(fields.string(json, at, "apiId"));
    context.setDomainName(fields.string(json, at, "domainName"));
    context.setDomainPrefix(fields.string(json, at, "domainPrefix"));
    context.setTime(fields.string(json, at, "time"));
    Long timeEpoch = fields.longInteger(json, at, "timeEpoch");
    context.setTimeEpoch(timeEpoch == null ? 0 : timeEpoch);
    context.setRequestId(fields.string(json, at, "requestId"));
    JsonNode http = fields.object(json, at, "http");
    if (http != null) {
      String in = at + "http.";
      APIGatewayV2HTTPEvent.RequestContext.Http h = new APIGatewayV2HTTPEvent.RequestContext.Http();
      h.setMethod(fields.string(http, in, "method"));
      h.setPath(fields.string(http, in, "path"));
      h.setProtocol(fields.string(http, in, "protocol"));
      h.setSourceIp(fields.string(http, in, "sourceIp"));
      h.setUserAgent(fields.string(http, in, "userAgent"));
      context.setHttp(h);
    }
    JsonNode authorizer = fields.object(json, at, "authorizer");
    JsonNode iam = authorizer == null ? null : fields.object(authorizer, at + "authorizer.", "iam");
    if (iam != null) {
      context.setAuthorizer(authorizer(iam, fields));
    }
    return context;
  }

  private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(
      JsonNode iam, JsonFieldReader fields) {
    String at = "requestContext.authorizer.iam.";
    APIGatewayV2HTTPEvent.RequestContext.IAM i = new APIGatewayV2HTTPEvent.RequestContext.IAM();
    i.setAccessKey(fields.string(iam, at, "accessKey"));
    i.setAccountId(fields.string(iam, at, "accountId"));
    i.setCallerId(fields.string(iam, at, "callerId"));
    i.setPrincipalOrgId(fields.string(iam, at, "principalOrgId"));
    i.setUserArn(fields.string(iam, at, "userArn"));
    i.setUserId(fields.string(iam, at, "userId"));
    JsonNode cognito = fields.object(iam, at, "cognitoIdentity");
    if (cognito != null) {
      String in = at + "cognitoIdentity.";
      APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity c =
          new APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity();
      c.setAmr(fields.strings(cognito, in, "amr"));
      c.setIdentityId(fields.string(cognito, in, "identityId"));
      c.setIdentityPoolId(fields.string(cognito, in, "identityPoolId"));
      i.setCognitoIdentity(c);
    }
    APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
        new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
    authorizer.setIam(i);
    return authorizer;
  }

  /**
   * Reads an SQS batch ({@code Records}, each with its {@code messageId} and {@code body}, the
   * members the poll worker uses, and the message's source and receive attributes for logs), adding
   * a problem to {@code fields} for each missing member or member of the wrong type.
   */
  static SQSEvent sqsEvent(JsonNode json, JsonFieldReader fields) {
    SQSEvent event = new SQSEvent();
    JsonNode records = json.get("Records");
    if (records == null || records.isNull()) {
      fields.problem("Records", "is required: this function takes SQS batches from the poll queue");
      return event;
    }
    if (!records.isArray()) {
      fields.problem("Records", "must be an array of SQS messages");
      return event;
    }
    List<SQSEvent.SQSMessage> messages = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      String at = "Records." + i + ".";
      JsonNode record = records.get(i);
      if (!record.isObject()) {
        fields.problem("Records." + i, "must be an SQS message {…}");
        continue;
      }
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId(fields.string(record, at, "messageId"));
      message.setReceiptHandle(fields.string(record, at, "receiptHandle"));
      message.setBody(fields.string(record, at, "body"));
      message.setMd5OfBody(fields.string(record, at, "md5OfBody"));
      message.setEventSource(fields.string(record, at, "eventSource"));
      message.setEventSourceArn(fields.string(record, at, "eventSourceARN"));
      message.setAwsRegion(fields.string(record, at, "awsRegion"));
      message.setAttributes(fields.stringMap(record, at, "attributes"));
      if (message.getMessageId() == null || message.getMessageId().isBlank()) {
        fields.problem(at + "messageId", "is required: SQS names every message");
      }
      if (message.getBody() == null) {
        fields.problem(at + "body", "is required: SQS messages always have a body");
      }
      messages.add(message);
    }
    event.setRecords(messages);
    return event;
  }

  /** Writes the partial batch response SQS reads: only the messages to hand out again. */
  static void writeBatchResponse(OutputStream output, SQSBatchResponse response)
      throws IOException {
    JSON.writeValue(output, batchResponse(response, null));
  }

  /**
   * {@code {"batchItemFailures":[{"itemIdentifier":…}], …}}, with the members of {@code summary}
   * after it when there is one (a refusal's {@code error} and {@code problems}).
   */
  static ObjectNode batchResponse(SQSBatchResponse response, Map<String, Object> summary) {
    ObjectNode json = JSON.createObjectNode();
    ArrayNode failures = json.putArray("batchItemFailures");
    response
        .getBatchItemFailures()
        .forEach(f -> failures.addObject().put("itemIdentifier", f.getItemIdentifier()));
    if (summary != null) {
      summary.forEach((name, value) -> json.set(name, JSON.valueToTree(value)));
    }
    return json;
  }
}

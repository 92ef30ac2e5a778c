package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import dev.errorbridge.connector.inbound.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Lambda events and writes responses with the Jackson that connector-core loads anyway, so
 * that a handler streaming its own JSON spares the Lambda Java runtime's event serializer (its own
 * shaded Jackson, joda-time and reflection over the event classes: about a third of a second of a
 * cold start, see docs/benchmarks.md). Events are read through Jackson's tree model into the
 * aws-lambda-java-events classes by hand, which is another ~70 ms cheaper on a cold JVM than bean
 * binding (no introspection of the event classes). Every member of the payload 2.0 format is read
 * except the JWT and Lambda authorisers' contexts, which no Errorbridge route uses; unknown members
 * are ignored, as the runtime ignores them. Events are read through {@link StrictJson}, the one
 * reader of every inbound body.
 */
final class LambdaJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaJson() {}

  /**
   * An event's JSON, read strictly ({@link StrictJson}: UTF-8, one value, no repeated member).
   *
   * @throws JsonBodyInvalidException naming what is wrong
   */
  static JsonNode tree(byte[] json) {
    return StrictJson.standard().read(json);
  }

  static void write(OutputStream output, Object value) throws IOException {
    JSON.writeValue(output, value);
  }

  /** Reads an API Gateway HTTP API / Function URL event (payload format 2.0). */
  static APIGatewayV2HTTPEvent readHttpEvent(InputStream input) throws IOException {
    return httpEvent(StrictJson.standard().readObject(input.readAllBytes()));
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

  static APIGatewayV2HTTPEvent httpEvent(JsonNode json) {
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setVersion(text(json, "version"));
    event.setRouteKey(text(json, "routeKey"));
    event.setRawPath(text(json, "rawPath"));
    event.setRawQueryString(text(json, "rawQueryString"));
    event.setCookies(strings(json.get("cookies")));
    event.setHeaders(stringMap(json.get("headers")));
    event.setQueryStringParameters(stringMap(json.get("queryStringParameters")));
    event.setPathParameters(stringMap(json.get("pathParameters")));
    event.setStageVariables(stringMap(json.get("stageVariables")));
    event.setBody(text(json, "body"));
    event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
    JsonNode context = json.get("requestContext");
    if (context != null && context.isObject()) {
      event.setRequestContext(requestContext(context));
    }
    return event;
  }

  private static APIGatewayV2HTTPEvent.RequestContext requestContext(JsonNode json) {
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    context.setRouteKey(text(json, "routeKey"));
    context.setAccountId(text(json, "accountId"));
    context.setStage(text(json, "stage"));
    context.setApiId(text(json, "apiId"));
    context.setDomainName(text(json, "domainName"));
    context.setDomainPrefix(text(json, "domainPrefix"));
    context.setTime(text(json, "time"));
    context.setTimeEpoch(json.path("timeEpoch").asLong(0));
    context.setRequestId(text(json, "requestId"));
    JsonNode http = json.get("http");
    if (http != null && http.isObject()) {
      APIGatewayV2HTTPEvent.RequestContext.Http h = new APIGatewayV2HTTPEvent.RequestContext.Http();
      h.setMethod(text(http, "method"));
      h.setPath(text(http, "path"));
      h.setProtocol(text(http, "protocol"));
      h.setSourceIp(text(http, "sourceIp"));
      h.setUserAgent(text(http, "userAgent"));
      context.setHttp(h);
    }
    JsonNode iam = json.path("authorizer").get("iam");
    if (iam != null && iam.isObject()) {
      APIGatewayV2HTTPEvent.RequestContext.IAM i = new APIGatewayV2HTTPEvent.RequestContext.IAM();
      i.setAccessKey(text(iam, "accessKey"));
      i.setAccountId(text(iam, "accountId"));
      i.setCallerId(text(iam, "callerId"));
      i.setPrincipalOrgId(text(iam, "principalOrgId"));
      i.setUserArn(text(iam, "userArn"));
      i.setUserId(text(iam, "userId"));
      JsonNode cognito = iam.get("cognitoIdentity");
      if (cognito != null && cognito.isObject()) {
        APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity c =
            new APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity();
        c.setAmr(strings(cognito.get("amr")));
        c.setIdentityId(text(cognito, "identityId"));
        c.setIdentityPoolId(text(cognito, "identityPoolId"));
        i.setCognitoIdentity(c);
      }
      APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
          new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
      authorizer.setIam(i);
      context.setAuthorizer(authorizer);
    }
    return context;
  }

  private static String text(JsonNode json, String member) {
    JsonNode node = json.get(member);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static List<String> strings(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> values = new ArrayList<>(node.size());
    node.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      values.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
    }
    return values;
  }
}

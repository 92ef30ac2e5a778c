package dev.errorbridge.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A step or run error that a platform sends as a string or as an object (Trigify's {@code
 * steps[].error}, possibly Alloy's {@code runData[].error}): its text, its code and its JSON.
 *
 * @param message the text: the string itself, or the object's {@code message} ({@code error},
 *     {@code detail}), or the object's JSON when it has none
 * @param code the object's {@code code} or {@code type}, or {@code null}
 * @param detail the object as JSON, or {@code null} for a plain string
 * @param httpStatus the object's {@code status}, {@code statusCode}, {@code status_code} or {@code
 *     http_status} when it is an HTTP status, or {@code null}
 */
public record ErrorValue(String message, String code, String detail, Integer httpStatus) {
  private static final String[] MESSAGE_FIELDS = {"message", "error", "detail"};
  private static final String[] CODE_FIELDS = {"code", "type"};
  private static final String[] STATUS_FIELDS = {
    "status", "statusCode", "status_code", "http_status"
  };

  /** The error {@code node} holds, or {@code null} when it is absent, null or blank. */
  public static ErrorValue of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      if (node.isEmpty()) {
        return null;
      }
      String message = first(node, MESSAGE_FIELDS);
      return new ErrorValue(
          message != null ? message : JsonFields.toJson(node),
          first(node, CODE_FIELDS),
          JsonFields.toJson(node),
          status(node));
    }
    String text = node.isValueNode() ? node.asText() : JsonFields.toJson(node);
    return text.isBlank() ? null : new ErrorValue(text, null, null, null);
  }

  private static String first(JsonNode node, String[] fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }

  private static Integer status(JsonNode node) {
    for (String field : STATUS_FIELDS) {
      JsonNode value = node.get(field);
      if (value != null && value.canConvertToInt()) {
        Integer status = FailureFactory.httpStatus((long) value.asInt());
        if (status != null) {
          return status;
        }
      }
    }
    return null;
  }
}

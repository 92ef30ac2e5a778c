package dev.errorbridge.localaws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads request members the way AWS validates them, answering {@code ValidationException}
 * otherwise.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * A required string member; missing, null or non-text is a validation error naming the member.
   */
  public static String requiredString(ObjectNode request, String member) {
    String value = optionalString(request, member);
    if (value == null) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value null at '"
              + lowerFirst(member)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** An optional string member, or {@code null}; a non-text value is a validation error. */
  public static String optionalString(ObjectNode request, String member) {
    JsonNode node = request.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw AwsServiceException.validation("Member '" + member + "' must be a string");
    }
    return node.textValue();
  }

  /** An optional integer member, or {@code fallback}. */
  public static int optionalInt(ObjectNode request, String member, int fallback) {
    JsonNode node = request.get(member);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToInt()) {
      throw AwsServiceException.validation("Member '" + member + "' must be an integer");
    }
    return node.intValue();
  }

  /** A required blob member, base64-encoded as AWS JSON 1.1 sends blobs. */
  public static byte[] requiredBlob(ObjectNode request, String member) {
    String encoded = requiredString(request, member);
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw AwsServiceException.validation("Member '" + member + "' is not valid base64");
    }
  }

  /** An optional map of strings (e.g. an encryption context); empty when absent. */
  public static Map<String, String> stringMap(ObjectNode request, String member) {
    JsonNode node = request.get(member);
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw AwsServiceException.validation("Member '" + member + "' must be a map of strings");
    }
    node.fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isTextual()) {
                throw AwsServiceException.validation(
                    "Member '" + member + "." + entry.getKey() + "' must be a string");
              }
              map.put(entry.getKey(), entry.getValue().textValue());
            });
    return map;
  }

  private static String lowerFirst(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}

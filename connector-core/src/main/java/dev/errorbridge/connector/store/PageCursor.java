package dev.errorbridge.connector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An opaque paging cursor: DynamoDB's last evaluated key (string attributes only) as URL-safe
 * base64 JSON, so an API client can pass it back without knowing the key design.
 */
final class PageCursor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PageCursor() {}

  static String encode(Map<String, AttributeValue> key) {
    ObjectNode node = JSON.createObjectNode();
    key.forEach((name, value) -> node.put(name, value.s()));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, AttributeValue> decode(String cursor) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
      Map<String, AttributeValue> key = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isTextual()) {
          throw new IllegalArgumentException("not a cursor");
        }
        key.put(field.getKey(), AttributeValue.fromS(field.getValue().asText()));
      }
      return key;
    } catch (IOException | IllegalArgumentException e) {
      throw new PageCursorInvalidException(
          "cursor is not one this API returned; pass the nextCursor of the previous page unchanged,"
              + " or omit it to start from the first page");
    }
  }
}

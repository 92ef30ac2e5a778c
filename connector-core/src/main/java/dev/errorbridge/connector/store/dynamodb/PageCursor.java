package dev.errorbridge.connector.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.store.PageCursorInvalidException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The store's paging cursor: DynamoDB's last evaluated key (string attributes only) as URL-safe
 * base64 JSON. Clients never see it bare (the settings service MACs it, see {@code PageCursors});
 * {@link #decode} still accepts only a key of the index it pages, in the partition being listed, so
 * nothing but a start key DynamoDB takes reaches a query.
 */
final class PageCursor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_VALUE_LENGTH = 1024;

  private PageCursor() {}

  static String encode(Map<String, AttributeValue> key) {
    ObjectNode node = JSON.createObjectNode();
    key.forEach((name, value) -> node.put(name, value.s()));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param attributes the key attributes the cursor must have, exactly
   * @param partitionAttribute the one that must equal {@code partition}
   * @throws PageCursorInvalidException for anything else
   */
  static Map<String, AttributeValue> decode(
      String cursor, Set<String> attributes, String partitionAttribute, String partition) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
      Map<String, AttributeValue> key = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = field.getValue();
        if (!value.isTextual()
            || value.textValue().isEmpty()
            || value.textValue().length() > MAX_VALUE_LENGTH) {
          throw invalid();
        }
        key.put(field.getKey(), AttributeValue.fromS(value.textValue()));
      }
      if (!key.keySet().equals(attributes) || !partition.equals(key.get(partitionAttribute).s())) {
        throw invalid();
      }
      return key;
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw invalid();
    }
  }

  private static PageCursorInvalidException invalid() {
    return new PageCursorInvalidException(
        "is not one this API returned; pass the nextCursor of the previous page unchanged, or"
            + " leave cursor out to start from the first page");
  }
}

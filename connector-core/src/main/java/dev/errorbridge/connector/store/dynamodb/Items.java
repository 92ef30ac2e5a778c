package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.SK;

import dev.errorbridge.connector.store.StoreDataInvalidException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds attribute values and reads them back from items. A missing or malformed attribute is a
 * {@link StoreDataInvalidException} naming the item, never a {@code NullPointerException}.
 */
public final class Items {
  private Items() {}

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  public static AttributeValue b(byte[] value) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(value));
  }

  /** The key of the item {@code pk} / {@code sk}. */
  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, s(pk), SK, s(sk));
  }

  /** A string attribute that must be there. */
  public static String string(Map<String, AttributeValue> item, String name) {
    String value = optionalString(item, name);
    if (value == null) {
      throw invalid(item, "has no string attribute '" + name + "'", null);
    }
    return value;
  }

  /** A string attribute, or {@code null} when it is absent. */
  public static String optionalString(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  /** A number attribute that must be there and fit a {@code long}. */
  public static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.n() == null) {
      throw invalid(item, "has no number attribute '" + name + "'", null);
    }
    try {
      return Long.parseLong(value.n());
    } catch (NumberFormatException e) {
      throw invalid(item, "has a non-integer '" + name + "'", e);
    }
  }

  /** A binary attribute that must be there. */
  public static byte[] bytes(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.b() == null) {
      throw invalid(item, "has no binary attribute '" + name + "'", null);
    }
    return value.b().asByteArray();
  }

  /** An ISO-8601 instant attribute that must be there. */
  public static Instant instant(Map<String, AttributeValue> item, String name) {
    return parseInstant(item, name, string(item, name));
  }

  /** An ISO-8601 instant attribute, or {@code null} when it is absent. */
  public static Instant optionalInstant(Map<String, AttributeValue> item, String name) {
    String text = optionalString(item, name);
    return text == null ? null : parseInstant(item, name, text);
  }

  /** An enum constant stored by name. */
  public static <E extends Enum<E>> E enumValue(
      Map<String, AttributeValue> item, String name, Class<E> type) {
    String text = string(item, name);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw invalid(item, "has an unknown " + name + " '" + text + "'", e);
    }
  }

  /** The item's attributes cannot be read: names the item and what to do. */
  public static StoreDataInvalidException invalid(
      Map<String, AttributeValue> item, String problem, Throwable cause) {
    return new StoreDataInvalidException(
        "item "
            + optionalString(item, PK)
            + " / "
            + optionalString(item, SK)
            + " "
            + problem
            + ": it was written by a newer Errorbridge or edited by hand; upgrade, or delete the"
            + " item",
        cause);
  }

  private static Instant parseInstant(Map<String, AttributeValue> item, String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      throw invalid(item, "has a malformed instant '" + name + "'", e);
    }
  }
}

package dev.errorbridge.connector.webhook.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP request headers as a case-insensitive multi-map (HTTP field names are case-insensitive, and
 * a field may repeat). Immutable. {@link #toString()} shows the names only: values may be tokens.
 *
 * <pre>{@code
 * WebhookHeaders headers = WebhookHeaders.builder()
 *     .add("Content-Type", "application/json")
 *     .add("Runflow-Signature", signature)
 *     .build();
 * }</pre>
 */
public final class WebhookHeaders {
  private static final WebhookHeaders EMPTY = new WebhookHeaders(Map.of());

  // Keys are lower-cased with Locale.ROOT; values keep their order of arrival.
  private final Map<String, List<String>> values;

  private WebhookHeaders(Map<String, List<String>> values) {
    this.values = values;
  }

  /** No headers. */
  public static WebhookHeaders empty() {
    return EMPTY;
  }

  /**
   * The headers of a transport's map (single- or multi-valued), merging names that differ only in
   * case.
   */
  public static WebhookHeaders of(Map<String, ? extends Collection<String>> headers) {
    Builder builder = builder();
    if (headers != null) {
      headers.forEach(
          (name, list) -> {
            if (list != null) {
              list.forEach(value -> builder.add(name, value));
            }
          });
    }
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The first value of {@code name}, in any case. */
  public Optional<String> first(String name) {
    List<String> list = all(name);
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Every value of {@code name}, in any case, in order of arrival; empty when absent. */
  public List<String> all(String name) {
    return values.getOrDefault(key(name), List.of());
  }

  /** The header names, lower case. */
  public Set<String> names() {
    return values.keySet();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookHeaders headers && values.equals(headers.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "WebhookHeaders" + values.keySet();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Collects headers; names are matched case-insensitively. */
  public static final class Builder {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a value of {@code name}; {@code null} names or values are skipped. */
    public Builder add(String name, String value) {
      if (name != null && value != null) {
        values.computeIfAbsent(key(name), k -> new ArrayList<>()).add(value);
      }
      return this;
    }

    public WebhookHeaders build() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
      return new WebhookHeaders(Collections.unmodifiableMap(copy));
    }
  }
}

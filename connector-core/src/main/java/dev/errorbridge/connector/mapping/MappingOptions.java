package dev.errorbridge.connector.mapping;

import dev.errorbridge.connector.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How a connection's failures become events: the event {@code Source}, whether the platform's raw
 * payload rides along, and the entry size budget. Immutable; the constructor (and so {@link
 * #builder()}) reports every invalid setting at once.
 *
 * <pre>{@code
 * MappingOptions options = MappingOptions.builder()
 *     .sourceName("com.example.workflows")
 *     .includeRawPayload(true)
 *     .build();
 * }</pre>
 */
public record MappingOptions(String sourceName, boolean includeRawPayload, int maxEntrySizeBytes) {
  /**
   * The default {@code Source} is this prefix plus the platform id, e.g. {@code errorbridge.dify}.
   */
  public static final String DEFAULT_SOURCE_PREFIX = "errorbridge.";

  /** {@code PutEventsRequestEntry.Source}: 1 to 256 characters. */
  public static final int MAX_SOURCE_NAME_LENGTH = 256;

  /** EventBridge's classic per-entry limit, 256 KB, which every bus accepts. */
  public static final int DEFAULT_MAX_ENTRY_SIZE_BYTES = 256 * 1024;

  /**
   * EventBridge's current per-entry limit, 1 MB; raise the budget to it only for buses that take
   * it.
   */
  public static final int MAX_ENTRY_SIZE_BYTES = 1024 * 1024;

  // Built once per platform: the source name is on the mapping hot path. Platforms are few.
  private static final ConcurrentMap<Platform, String> DEFAULT_SOURCES = new ConcurrentHashMap<>();

  private static final MappingOptions DEFAULTS = builder().build();

  /**
   * @param sourceName the event {@code Source} for every platform of the connection; {@code null}
   *     means {@code errorbridge.<platform id>}. 1 to 256 characters of letters, digits, {@code . _
   *     - /}, not starting with {@code aws.}, which AWS reserves for its own services
   * @param includeRawPayload whether to embed the platform's raw payload as {@code raw} (dropped
   *     first when too big)
   * @param maxEntrySizeBytes the largest entry, by AWS's size formula, the mapper may produce; 1 to
   *     1,048,576 bytes
   * @throws MappingOptionsInvalidException listing every invalid setting and how to fix it
   */
  public MappingOptions {
    List<String> problems = new ArrayList<>();
    if (sourceName != null) {
      checkSourceName(sourceName, problems);
    }
    if (maxEntrySizeBytes < 1 || maxEntrySizeBytes > MAX_ENTRY_SIZE_BYTES) {
      problems.add(
          "maxEntrySizeBytes must be between 1 and "
              + MAX_ENTRY_SIZE_BYTES
              + " (1 MB, EventBridge's current limit); got "
              + maxEntrySizeBytes
              + ". Leave it unset for "
              + DEFAULT_MAX_ENTRY_SIZE_BYTES
              + " (256 KB), which every bus accepts");
    }
    if (!problems.isEmpty()) {
      throw new MappingOptionsInvalidException(problems);
    }
  }

  /** A builder with every default: platform source names, no raw payload, 256 KB entries. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options every default gives. */
  public static MappingOptions defaults() {
    return DEFAULTS;
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .sourceName(sourceName)
        .includeRawPayload(includeRawPayload)
        .maxEntrySizeBytes(maxEntrySizeBytes);
  }

  /**
   * The {@code Source} of events for {@code platform}: the configured name, else {@code
   * errorbridge.<platform id>}.
   */
  public String sourceNameFor(Platform platform) {
    return sourceName != null
        ? sourceName
        : DEFAULT_SOURCES.computeIfAbsent(platform, p -> DEFAULT_SOURCE_PREFIX + p.id());
  }

  @Override
  public String toString() {
    return "MappingOptions{sourceName="
        + (sourceName == null ? "<errorbridge.<platform>>" : sourceName)
        + ", includeRawPayload="
        + includeRawPayload
        + ", maxEntrySizeBytes="
        + maxEntrySizeBytes
        + "}";
  }

  /** Builds {@link MappingOptions}; {@link #build()} validates every setting together. */
  public static final class Builder {
    private String sourceName;
    private boolean includeRawPayload;
    private int maxEntrySizeBytes = DEFAULT_MAX_ENTRY_SIZE_BYTES;

    private Builder() {}

    /**
     * The event {@code Source} for every platform of the connection; {@code null} (the default)
     * means {@code errorbridge.<platform id>}. 1 to 256 characters of letters, digits, {@code . _ -
     * /}, not starting with {@code aws.}, which AWS reserves for its own services.
     */
    public Builder sourceName(String sourceName) {
      this.sourceName = sourceName;
      return this;
    }

    /** Whether to embed the platform's raw payload as {@code raw}; off by default. */
    public Builder includeRawPayload(boolean includeRawPayload) {
      this.includeRawPayload = includeRawPayload;
      return this;
    }

    /** The entry size budget, 1 to 1,048,576 bytes; 262,144 (256 KB) by default. */
    public Builder maxEntrySizeBytes(int maxEntrySizeBytes) {
      this.maxEntrySizeBytes = maxEntrySizeBytes;
      return this;
    }

    /**
     * @throws MappingOptionsInvalidException listing every invalid setting and how to fix it
     */
    public MappingOptions build() {
      return new MappingOptions(sourceName, includeRawPayload, maxEntrySizeBytes);
    }
  }

  private static void checkSourceName(String name, List<String> problems) {
    if (name.isEmpty() || name.length() > MAX_SOURCE_NAME_LENGTH) {
      problems.add(
          "sourceName must be 1 to "
              + MAX_SOURCE_NAME_LENGTH
              + " characters; got "
              + name.length()
              + ". Leave it unset for errorbridge.<platform>");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isSourceChar(c)) {
        problems.add(
            "sourceName may contain only letters A-Z a-z, digits and . _ - /; character "
                + (i + 1)
                + " is U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + ". Use a reverse-DNS name such as com.example.workflows");
        break;
      }
    }
    if (name.toLowerCase(Locale.ROOT).startsWith("aws.")) {
      problems.add(
          "sourceName must not start with 'aws.', which AWS reserves for its own services"
              + " (PutEvents rejects it); use e.g. errorbridge.dify or com.example.workflows");
    }
  }

  private static boolean isSourceChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '/';
  }
}

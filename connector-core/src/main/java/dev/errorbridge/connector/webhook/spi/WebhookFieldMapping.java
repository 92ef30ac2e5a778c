package dev.errorbridge.connector.webhook.spi;

import com.fasterxml.jackson.core.JsonPointer;
import dev.errorbridge.connector.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a generic webhook's body keeps each field of a failure: one RFC 6901 JSON Pointer per
 * field, plus how the sender's statuses map to outcomes. Immutable; {@link #builder()} reports
 * every invalid pointer at once.
 *
 * <pre>{@code
 * WebhookFieldMapping mapping = WebhookFieldMapping.builder()
 *     .workflowId("/workflow/id")
 *     .executionId("/execution/id")
 *     .status("/execution/status")
 *     .errorMessage("/error/message")
 *     .startedAt("/execution/started_at")
 *     .outcome("cancelled", Outcome.STOPPED)
 *     .ignoreStatus("succeeded")
 *     .build();
 * }</pre>
 *
 * <p>Timestamps may be ISO-8601 with an offset, or epoch seconds or milliseconds (numbers or digit
 * strings; below 10^11 means seconds). Without a status pointer every request is a {@code failed}
 * run; a status not listed under {@link Builder#outcome} is {@link Outcome#FAILED}.
 */
public final class WebhookFieldMapping {
  /** The status a failure gets when the mapping has no status pointer. */
  public static final String DEFAULT_STATUS = "failed";

  /** The fields a pointer can fill. */
  public enum Field {
    WORKFLOW_ID("workflowId", true),
    WORKFLOW_NAME("workflowName", false),
    EXECUTION_ID("executionId", true),
    STATUS("status", false),
    ERROR_MESSAGE("errorMessage", false),
    ERROR_CODE("errorCode", false),
    STARTED_AT("startedAt", false),
    FINISHED_AT("finishedAt", false);

    private final String fieldName;
    private final boolean required;

    Field(String fieldName, boolean required) {
      this.fieldName = fieldName;
      this.required = required;
    }

    /** The name used in settings and in problems, e.g. {@code workflowId}. */
    public String fieldName() {
      return fieldName;
    }

    /** Whether every mapping needs a pointer for it and every body a value there. */
    public boolean required() {
      return required;
    }
  }

  private final Map<Field, JsonPointer> pointers;
  private final Map<String, Outcome> outcomes;
  private final Set<String> ignoredStatuses;

  private WebhookFieldMapping(
      Map<Field, JsonPointer> pointers, Map<String, Outcome> outcomes, Set<String> ignored) {
    this.pointers = Collections.unmodifiableMap(pointers);
    this.outcomes = Collections.unmodifiableMap(outcomes);
    this.ignoredStatuses = Collections.unmodifiableSet(ignored);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The pointer of {@code field}, if mapped. */
  public Optional<JsonPointer> pointer(Field field) {
    return Optional.ofNullable(pointers.get(field));
  }

  /** The outcome of a sender's status (compared case-insensitively); {@code FAILED} if unlisted. */
  public Outcome outcomeOf(String status) {
    return outcomes.getOrDefault(normalise(status), Outcome.FAILED);
  }

  /** Whether a request with this status is acknowledged and not streamed (e.g. a success). */
  public boolean ignores(String status) {
    return ignoredStatuses.contains(normalise(status));
  }

  @Override
  public String toString() {
    return "WebhookFieldMapping[pointers="
        + pointers
        + ", outcomes="
        + outcomes
        + ", ignoredStatuses="
        + ignoredStatuses
        + "]";
  }

  private static String normalise(String status) {
    return status.toLowerCase(Locale.ROOT);
  }

  /** Collects pointers; {@link #build()} validates them all together. */
  public static final class Builder {
    private final Map<Field, String> pointers = new EnumMap<>(Field.class);
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final Set<String> ignoredStatuses = new LinkedHashSet<>();

    private Builder() {}

    /** Maps {@code field} to {@code pointer}, e.g. {@code /execution/id}. */
    public Builder map(Field field, String pointer) {
      pointers.put(field, pointer);
      return this;
    }

    public Builder workflowId(String pointer) {
      return map(Field.WORKFLOW_ID, pointer);
    }

    public Builder workflowName(String pointer) {
      return map(Field.WORKFLOW_NAME, pointer);
    }

    public Builder executionId(String pointer) {
      return map(Field.EXECUTION_ID, pointer);
    }

    public Builder status(String pointer) {
      return map(Field.STATUS, pointer);
    }

    public Builder errorMessage(String pointer) {
      return map(Field.ERROR_MESSAGE, pointer);
    }

    public Builder errorCode(String pointer) {
      return map(Field.ERROR_CODE, pointer);
    }

    public Builder startedAt(String pointer) {
      return map(Field.STARTED_AT, pointer);
    }

    public Builder finishedAt(String pointer) {
      return map(Field.FINISHED_AT, pointer);
    }

    /** Streams runs with {@code status} (case-insensitive) as {@code outcome}. */
    public Builder outcome(String status, Outcome outcome) {
      outcomes.put(status == null ? null : normalise(status), outcome);
      return this;
    }

    /** Acknowledges runs with {@code status} (case-insensitive) without streaming them. */
    public Builder ignoreStatus(String status) {
      ignoredStatuses.add(status == null ? null : normalise(status));
      return this;
    }

    /**
     * @throws WebhookConfigInvalidException listing every missing or invalid pointer
     */
    public WebhookFieldMapping build() {
      List<String> problems = new ArrayList<>();
      Map<Field, JsonPointer> compiled = new EnumMap<>(Field.class);
      for (Field field : Field.values()) {
        String pointer = pointers.get(field);
        if (pointer == null) {
          if (field.required()) {
            problems.add(
                "fieldMapping." + field.fieldName() + " is required: a JSON Pointer such as /id");
          }
          continue;
        }
        String problem = pointerProblem(pointer);
        if (problem != null) {
          problems.add("fieldMapping." + field.fieldName() + " " + problem);
        } else {
          compiled.put(field, JsonPointer.compile(pointer));
        }
      }
      statusProblems(problems);
      if (!problems.isEmpty()) {
        throw new WebhookConfigInvalidException(problems);
      }
      return new WebhookFieldMapping(
          compiled, new LinkedHashMap<>(outcomes), new LinkedHashSet<>(ignoredStatuses));
    }

    private void statusProblems(List<String> problems) {
      if (outcomes.containsKey(null) || outcomes.containsValue(null)) {
        problems.add("fieldMapping outcomes need a status and an outcome");
      }
      if (ignoredStatuses.contains(null)) {
        problems.add("fieldMapping ignored statuses must not be null");
      }
      if ((!outcomes.isEmpty() || !ignoredStatuses.isEmpty())
          && !pointers.containsKey(Field.STATUS)) {
        problems.add("fieldMapping outcomes and ignored statuses need a status pointer");
      }
      for (String status : ignoredStatuses) {
        if (status != null && outcomes.containsKey(status)) {
          problems.add("fieldMapping status '" + status + "' is both ignored and given an outcome");
        }
      }
    }

    // RFC 6901: a pointer is empty (the whole document, which no field can be) or starts with '/',
    // and '~' appears only as the escapes ~0 and ~1. Jackson accepts other '~'s silently.
    private static String pointerProblem(String pointer) {
      if (!pointer.startsWith("/")) {
        return "must be a JSON Pointer starting with '/', e.g. /execution/id";
      }
      for (int i = 0; i < pointer.length(); i++) {
        if (pointer.charAt(i) == '~'
            && (i + 1 == pointer.length() || "01".indexOf(pointer.charAt(i + 1)) < 0)) {
          return "has a '~' that is not ~0 (for ~) or ~1 (for /)";
        }
      }
      return null;
    }
  }
}

package dev.errorbridge.connector.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a connection's audit trail: who did what, when, and which fields changed.
 *
 * <p>It can name fields, never carry their values: {@link #changedFields} must be field paths
 * ({@code destination.auth.secretAccessKey}: dot-separated segments of a lower-case letter then up
 * to 63 letters or digits; at most {@value #MAX_FIELDS} of them), so a value (with spaces, {@code
 * =}, {@code :}, {@code /} or {@code +}) is refused. The {@link #note} is for text the service
 * writes itself (e.g. "suspended: destination answered AccessDeniedException"), never request
 * content.
 *
 * @param tenantId the tenant that owns the connection
 * @param connectionId the connection
 * @param actor who did it: a user or API key id, or {@code errorbridge} for the service itself
 * @param action what was done
 * @param changedFields the names of the fields that changed (empty if none)
 * @param at when
 * @param note a short note of at most {@value #MAX_NOTE_LENGTH} characters, or {@code null}
 */
public record AuditRecord(
    String tenantId,
    String connectionId,
    String actor,
    AuditAction action,
    List<String> changedFields,
    Instant at,
    String note) {

  /** The most changed fields a record names. */
  public static final int MAX_FIELDS = 50;

  /** The longest note, in characters. */
  public static final int MAX_NOTE_LENGTH = 200;

  private static final Pattern FIELD =
      Pattern.compile("[a-z][A-Za-z0-9]{0,63}(\\.[a-z][A-Za-z0-9]{0,63}){0,5}");

  public AuditRecord {
    requireText(tenantId, "tenantId");
    requireText(connectionId, "connectionId");
    requireText(actor, "actor");
    if (actor.length() > 256) {
      throw new IllegalArgumentException("actor is longer than 256 characters");
    }
    Objects.requireNonNull(action, "action");
    changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    if (changedFields.size() > MAX_FIELDS) {
      throw new IllegalArgumentException(
          "an audit record names at most " + MAX_FIELDS + " changed fields");
    }
    for (String field : changedFields) {
      if (!FIELD.matcher(field).matches()) {
        // The value is left out of the message: it may be the secret that was passed by mistake.
        throw new IllegalArgumentException(
            "changedFields holds something that is not a field name (dot-separated segments of"
                + " a lower-case letter and up to 63 letters or digits): pass names, never values");
      }
    }
    Objects.requireNonNull(at, "at");
    if (note != null && note.length() > MAX_NOTE_LENGTH) {
      throw new IllegalArgumentException(
          "note is longer than " + MAX_NOTE_LENGTH + " characters; keep it to a short summary");
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}

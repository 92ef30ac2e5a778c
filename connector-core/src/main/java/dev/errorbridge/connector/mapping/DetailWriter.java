package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.mapping.JsonValues.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the schema v1 detail of one failure, in full or as a {@link ShrinkPlan} says, with
 * Jackson's streaming generator (no tree: the detail is written once per attempt and most details
 * need one attempt).
 *
 * <p>Made once per failure: it checks up front which of the platform's JSON texts (step errors,
 * inputs, outputs, raw payload) are valid JSON, so that each attempt embeds those verbatim and
 * writes the others as strings, and the detail is valid JSON whatever the platform sent.
 */
final class DetailWriter {
  static final String SCHEMA_VERSION = "1";

  private final FailedExecution failure;
  private final String eventId;
  private final String raw;
  private final Kind rawKind;
  private final Kind[] errorKinds;
  private final Kind[] inputKinds;
  private final Kind[] outputKinds;
  private final String startedAt;
  private final String finishedAt;
  private final String detectedAt;

  /**
   * @param includeRaw whether the options ask for the raw payload; it is written only when the
   *     failure has one
   */
  DetailWriter(FailedExecution failure, String eventId, boolean includeRaw) {
    this.failure = failure;
    this.eventId = eventId;
    this.rawKind = includeRaw ? JsonValues.kindOf(failure.rawPayload()) : Kind.ABSENT;
    this.raw = rawKind == Kind.ABSENT ? null : failure.rawPayload();
    List<FailedStep> steps = failure.failedSteps();
    int n = steps.size();
    this.errorKinds = new Kind[n];
    this.inputKinds = new Kind[n];
    this.outputKinds = new Kind[n];
    for (int i = 0; i < n; i++) {
      FailedStep step = steps.get(i);
      errorKinds[i] = JsonValues.kindOf(step.errorDetail());
      inputKinds[i] = JsonValues.kindOf(step.input());
      outputKinds[i] = JsonValues.kindOf(step.output());
    }
    Execution execution = failure.execution();
    this.startedAt = format(execution.startedAt());
    this.finishedAt = format(execution.finishedAt());
    this.detectedAt = Timestamps.format(failure.delivery().detectedAt());
  }

  /** Whether the failure carries a raw payload the options want, i.e. whether (a) can drop one. */
  boolean hasRaw() {
    return raw != null;
  }

  /** Whether any step has an input or output, i.e. whether (b) can drop anything. */
  boolean hasStepIo() {
    for (int i = 0; i < inputKinds.length; i++) {
      if (hasIo(i)) {
        return true;
      }
    }
    return false;
  }

  private boolean hasIo(int step) {
    return inputKinds[step] != Kind.ABSENT || outputKinds[step] != Kind.ABSENT;
  }

  /** The UTF-8 size of the longest text (c) may cut. */
  long longestText() {
    long longest = 0;
    RunError error = failure.error();
    if (error != null && error.message() != null) {
      longest = Utf8.length(error.message());
    }
    List<FailedStep> steps = failure.failedSteps();
    for (int i = 0; i < steps.size(); i++) {
      FailedStep step = steps.get(i);
      if (step.errorMessage() != null) {
        longest = Math.max(longest, Utf8.length(step.errorMessage()));
      }
      if (errorKinds[i] != Kind.ABSENT) {
        longest = Math.max(longest, Utf8.length(step.errorDetail()));
      }
    }
    return longest;
  }

  /**
   * The detail under {@code plan}.
   *
   * @param originalSizeBytes the full entry's size, recorded in {@code truncation} when anything
   *     was left out or cut
   */
  Detail write(ShrinkPlan plan, long originalSizeBytes) {
    StringBuilderWriter out = new StringBuilderWriter(raw == null ? 2048 : 2048 + raw.length());
    try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
      return write(g, out, plan, originalSizeBytes);
    } catch (IOException e) {
      // A StringBuilder never fails; the generator only declares it.
      throw new UncheckedIOException(e);
    }
  }

  private Detail write(JsonGenerator g, StringBuilderWriter out, ShrinkPlan plan, long original)
      throws IOException {
    FailedExecution f = failure;
    List<TruncatedField> cut = new ArrayList<>(0);
    g.writeStartObject();
    g.writeStringField("schemaVersion", SCHEMA_VERSION);
    g.writeStringField("eventId", eventId);
    g.writeStringField("platform", f.platform().id());
    g.writeStringField("tenantId", f.tenantId());
    g.writeStringField("connectionId", f.connectionId());
    g.writeStringField("outcome", f.execution().outcome().name());

    Workflow workflow = f.workflow();
    g.writeObjectFieldStart("workflow");
    g.writeStringField("id", workflow.id());
    optional(g, "name", workflow.name());
    optional(g, "version", workflow.version());
    g.writeEndObject();

    Execution execution = f.execution();
    g.writeObjectFieldStart("execution");
    g.writeStringField("id", execution.id());
    g.writeStringField("status", execution.status());
    optional(g, "trigger", execution.trigger());
    optional(g, "startedAt", startedAt);
    optional(g, "finishedAt", finishedAt);
    if (execution.durationMs() != null) {
      g.writeNumberField("durationMs", execution.durationMs());
    }
    optional(g, "consoleUrl", execution.consoleUrl());
    g.writeEndObject();

    RunError error = f.error();
    if (error != null && (error.message() != null || error.code() != null)) {
      g.writeObjectFieldStart("error");
      if (error.message() != null) {
        text(g, "message", error.message(), plan, -1, "error.message", cut);
      }
      optional(g, "code", error.code());
      g.writeEndObject();
    }

    List<FailedStep> steps = f.failedSteps();
    int kept = Math.min(steps.size(), plan.maxSteps());
    boolean stepIoDropped = false;
    g.writeArrayFieldStart("failedSteps");
    for (int i = 0; i < kept; i++) {
      stepIoDropped |= step(g, steps.get(i), i, plan, cut);
    }
    g.writeEndArray();

    g.writeObjectFieldStart("delivery");
    g.writeStringField("path", f.delivery().path() == DeliveryPath.POLL ? "poll" : "webhook");
    g.writeStringField("detectedAt", detectedAt);
    g.writeEndObject();

    boolean rawDropped = raw != null && plan.dropRaw();
    int omitted = steps.size() - kept;
    boolean truncated = rawDropped || stepIoDropped || !cut.isEmpty() || omitted > 0;
    g.writeBooleanField("truncated", truncated);
    if (truncated) {
      g.writeObjectFieldStart("truncation");
      g.writeNumberField("originalSizeBytes", original);
      if (rawDropped) {
        g.writeBooleanField("rawPayloadDropped", true);
      }
      if (stepIoDropped) {
        g.writeBooleanField("stepIoDropped", true);
      }
      if (!cut.isEmpty()) {
        g.writeArrayFieldStart("truncatedFields");
        for (TruncatedField field : cut) {
          g.writeStartObject();
          g.writeStringField("field", field.field());
          g.writeNumberField("originalBytes", field.originalBytes());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (omitted > 0) {
        g.writeNumberField("failedStepsOmitted", omitted);
      }
      g.writeEndObject();
    }

    if (raw != null && !plan.dropRaw()) {
      embed(g, "raw", raw, rawKind);
    }
    g.writeEndObject();
    g.flush();
    String json = out.toString();
    long bytes = Utf8.lengthIfWellFormed(json);
    if (bytes < 0) {
      // A platform sent an unpaired surrogate; UTF-8 cannot carry it, so it becomes U+FFFD here
      // rather than '?' (or a rejected request) in the SDK.
      json = Utf8.replaceUnpairedSurrogates(json);
      bytes = Utf8.length(json);
    }
    return new Detail(json, bytes, truncated);
  }

  /** Writes one step; returns whether it had an input or output that the plan left out. */
  private boolean step(
      JsonGenerator g, FailedStep step, int index, ShrinkPlan plan, List<TruncatedField> cut)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("id", step.id());
    optional(g, "name", step.name());
    optional(g, "type", step.type());
    if (step.errorMessage() != null) {
      text(g, "errorMessage", step.errorMessage(), plan, index, "errorMessage", cut);
    }
    String errorDetail = step.errorDetail();
    if (errorKinds[index] != Kind.ABSENT) {
      if (plan.capsTexts() && Utf8.length(errorDetail) > plan.textCapBytes()) {
        // Cut JSON is no longer JSON: the shortened text goes in as a string.
        text(g, "error", errorDetail, plan, index, "error", cut);
      } else {
        embed(g, "error", errorDetail, errorKinds[index]);
      }
    }
    if (step.httpStatus() != null) {
      g.writeNumberField("httpStatus", step.httpStatus());
    }
    if (!plan.dropStepIo()) {
      embed(g, "input", step.input(), inputKinds[index]);
      embed(g, "output", step.output(), outputKinds[index]);
    }
    g.writeEndObject();
    return plan.dropStepIo() && hasIo(index);
  }

  /**
   * Writes a long text, cut to the plan's cap when it is over it.
   *
   * @param stepIndex the step the text belongs to, or -1 for a run-level text
   */
  private static void text(
      JsonGenerator g,
      String name,
      String value,
      ShrinkPlan plan,
      int stepIndex,
      String field,
      List<TruncatedField> cut)
      throws IOException {
    if (plan.capsTexts()) {
      long bytes = Utf8.length(value);
      if (bytes > plan.textCapBytes()) {
        g.writeStringField(name, Utf8.truncate(value, plan.textCapBytes()));
        cut.add(
            new TruncatedField(
                stepIndex < 0 ? field : "failedSteps[" + stepIndex + "]." + field, bytes));
        return;
      }
    }
    g.writeStringField(name, value);
  }

  private static void embed(JsonGenerator g, String name, String value, Kind kind)
      throws IOException {
    switch (kind) {
      case JSON -> {
        // Checked by JsonValues.kindOf, so writing it raw keeps the detail valid.
        g.writeFieldName(name);
        g.writeRawValue(value);
      }
      case TEXT -> g.writeStringField(name, value);
      case ABSENT -> {}
    }
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static String format(java.time.Instant t) {
    return t == null ? null : Timestamps.format(t);
  }

  /**
   * A written detail.
   *
   * @param json the detail JSON, free of unpaired surrogates
   * @param utf8Bytes its UTF-8 size
   * @param truncated whether anything was left out or cut
   */
  record Detail(String json, long utf8Bytes, boolean truncated) {}

  /** An unsynchronised {@link java.io.StringWriter}. */
  private static final class StringBuilderWriter extends Writer {
    private final StringBuilder sb;

    StringBuilderWriter(int capacity) {
      this.sb = new StringBuilder(capacity);
    }

    @Override
    public void write(char[] chars, int off, int len) {
      sb.append(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      sb.append(s, off, off + len);
    }

    @Override
    public void write(int c) {
      sb.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}

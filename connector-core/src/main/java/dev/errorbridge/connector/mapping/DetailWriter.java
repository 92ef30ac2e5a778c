package dev.errorbridge.connector.mapping;

import static dev.errorbridge.connector.mapping.DetailNames.CODE;
import static dev.errorbridge.connector.mapping.DetailNames.CONNECTION_ID;
import static dev.errorbridge.connector.mapping.DetailNames.CONSOLE_URL;
import static dev.errorbridge.connector.mapping.DetailNames.DELIVERY;
import static dev.errorbridge.connector.mapping.DetailNames.DETECTED_AT;
import static dev.errorbridge.connector.mapping.DetailNames.DURATION_MS;
import static dev.errorbridge.connector.mapping.DetailNames.ERROR;
import static dev.errorbridge.connector.mapping.DetailNames.ERROR_MESSAGE;
import static dev.errorbridge.connector.mapping.DetailNames.EVENT_ID;
import static dev.errorbridge.connector.mapping.DetailNames.EXECUTION;
import static dev.errorbridge.connector.mapping.DetailNames.FAILED_STEPS;
import static dev.errorbridge.connector.mapping.DetailNames.FINISHED_AT;
import static dev.errorbridge.connector.mapping.DetailNames.HTTP_STATUS;
import static dev.errorbridge.connector.mapping.DetailNames.ID;
import static dev.errorbridge.connector.mapping.DetailNames.INPUT;
import static dev.errorbridge.connector.mapping.DetailNames.MESSAGE;
import static dev.errorbridge.connector.mapping.DetailNames.NAME;
import static dev.errorbridge.connector.mapping.DetailNames.OUTCOME;
import static dev.errorbridge.connector.mapping.DetailNames.OUTPUT;
import static dev.errorbridge.connector.mapping.DetailNames.PATH;
import static dev.errorbridge.connector.mapping.DetailNames.PLATFORM;
import static dev.errorbridge.connector.mapping.DetailNames.RAW;
import static dev.errorbridge.connector.mapping.DetailNames.SCHEMA_VERSION;
import static dev.errorbridge.connector.mapping.DetailNames.STARTED_AT;
import static dev.errorbridge.connector.mapping.DetailNames.STATUS;
import static dev.errorbridge.connector.mapping.DetailNames.TENANT_ID;
import static dev.errorbridge.connector.mapping.DetailNames.TRIGGER;
import static dev.errorbridge.connector.mapping.DetailNames.TRUNCATED;
import static dev.errorbridge.connector.mapping.DetailNames.TYPE;
import static dev.errorbridge.connector.mapping.DetailNames.VERSION;
import static dev.errorbridge.connector.mapping.DetailNames.WORKFLOW;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.mapping.JsonValues.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the schema v1 detail of one failure, in full or as a {@link ShrinkPlan} says, with
 * Jackson's streaming generator (no tree: the detail is written once per attempt and most details
 * need one attempt), and measures it.
 *
 * <p>Made once per failure: it checks up front which of the platform's JSON texts (step errors,
 * inputs, outputs, raw payload) are valid JSON, so that each attempt embeds those verbatim and
 * writes the others as strings, and the detail is valid JSON whatever the platform sent.
 */
final class DetailWriter {
  static final String SCHEMA_VERSION_1 = "1";

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
    DetailBuffer out = new DetailBuffer();
    boolean truncated;
    try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
      truncated = write(g, plan, originalSizeBytes);
    } catch (IOException e) {
      // The buffer never fails; the generator only declares it.
      throw new UncheckedIOException(e);
    }
    long bytes = out.utf8LengthIfWellFormed();
    String json = out.toString();
    if (bytes < 0) {
      // A platform sent an unpaired surrogate; UTF-8 cannot carry it, so it becomes U+FFFD here
      // rather than '?' (or a rejected request) in the SDK.
      json = Utf8.replaceUnpairedSurrogates(json);
      bytes = Utf8.length(json);
    }
    return new Detail(json, bytes, truncated);
  }

  /** Writes the detail; returns whether anything was left out or cut. */
  private boolean write(JsonGenerator g, ShrinkPlan plan, long original) throws IOException {
    FailedExecution f = failure;
    List<TruncatedField> cut = new ArrayList<>(0);
    g.writeStartObject();
    string(g, SCHEMA_VERSION, SCHEMA_VERSION_1);
    string(g, EVENT_ID, eventId);
    string(g, PLATFORM, f.platform().id());
    string(g, TENANT_ID, f.tenantId());
    string(g, CONNECTION_ID, f.connectionId());
    string(g, OUTCOME, f.execution().outcome().name());

    Workflow workflow = f.workflow();
    g.writeFieldName(WORKFLOW);
    g.writeStartObject();
    string(g, ID, workflow.id());
    string(g, NAME, workflow.name());
    string(g, VERSION, workflow.version());
    g.writeEndObject();

    Execution execution = f.execution();
    g.writeFieldName(EXECUTION);
    g.writeStartObject();
    string(g, ID, execution.id());
    string(g, STATUS, execution.status());
    string(g, TRIGGER, execution.trigger());
    string(g, STARTED_AT, startedAt);
    string(g, FINISHED_AT, finishedAt);
    if (execution.durationMs() != null) {
      g.writeFieldName(DURATION_MS);
      g.writeNumber(execution.durationMs());
    }
    string(g, CONSOLE_URL, execution.consoleUrl());
    g.writeEndObject();

    RunError error = f.error();
    if (error != null && (error.message() != null || error.code() != null)) {
      g.writeFieldName(ERROR);
      g.writeStartObject();
      text(g, MESSAGE, error.message(), plan, -1, "error.message", cut);
      string(g, CODE, error.code());
      g.writeEndObject();
    }

    List<FailedStep> steps = f.failedSteps();
    int kept = Math.min(steps.size(), plan.maxSteps());
    boolean stepIoDropped = false;
    g.writeFieldName(FAILED_STEPS);
    g.writeStartArray();
    for (int i = 0; i < kept; i++) {
      stepIoDropped |= step(g, steps.get(i), i, plan, cut);
    }
    g.writeEndArray();

    g.writeFieldName(DELIVERY);
    g.writeStartObject();
    string(g, PATH, f.delivery().path() == DeliveryPath.POLL ? "poll" : "webhook");
    string(g, DETECTED_AT, detectedAt);
    g.writeEndObject();

    Truncation truncation =
        new Truncation(
            original, raw != null && plan.dropRaw(), stepIoDropped, cut, steps.size() - kept);
    g.writeFieldName(TRUNCATED);
    g.writeBoolean(truncation.any());
    if (truncation.any()) {
      g.writeFieldName(DetailNames.TRUNCATION);
      truncation.write(g);
    }

    if (raw != null && !plan.dropRaw()) {
      embed(g, RAW, raw, rawKind);
    }
    g.writeEndObject();
    return truncation.any();
  }

  /** Writes one step; returns whether it had an input or output that the plan left out. */
  private boolean step(
      JsonGenerator g, FailedStep step, int index, ShrinkPlan plan, List<TruncatedField> cut)
      throws IOException {
    g.writeStartObject();
    string(g, ID, step.id());
    string(g, NAME, step.name());
    string(g, TYPE, step.type());
    text(g, ERROR_MESSAGE, step.errorMessage(), plan, index, "errorMessage", cut);
    String errorDetail = step.errorDetail();
    if (errorKinds[index] != Kind.ABSENT) {
      if (plan.capsTexts() && Utf8.length(errorDetail) > plan.textCapBytes()) {
        // Cut JSON is no longer JSON: the shortened text goes in as a string.
        text(g, ERROR, errorDetail, plan, index, "error", cut);
      } else {
        embed(g, ERROR, errorDetail, errorKinds[index]);
      }
    }
    if (step.httpStatus() != null) {
      g.writeFieldName(HTTP_STATUS);
      g.writeNumber(step.httpStatus());
    }
    if (!plan.dropStepIo()) {
      embed(g, INPUT, step.input(), inputKinds[index]);
      embed(g, OUTPUT, step.output(), outputKinds[index]);
    }
    g.writeEndObject();
    return plan.dropStepIo() && hasIo(index);
  }

  private boolean hasIo(int step) {
    return inputKinds[step] != Kind.ABSENT || outputKinds[step] != Kind.ABSENT;
  }

  /**
   * Writes a long text, cut to the plan's cap when it is over it; nothing when it is {@code null}.
   *
   * @param stepIndex the step the text belongs to, or -1 for a run-level text
   */
  private static void text(
      JsonGenerator g,
      SerializableString name,
      String value,
      ShrinkPlan plan,
      int stepIndex,
      String field,
      List<TruncatedField> cut)
      throws IOException {
    if (value == null) {
      return;
    }
    if (plan.capsTexts()) {
      long bytes = Utf8.length(value);
      if (bytes > plan.textCapBytes()) {
        string(g, name, Utf8.truncate(value, plan.textCapBytes()));
        cut.add(
            new TruncatedField(
                stepIndex < 0 ? field : "failedSteps[" + stepIndex + "]." + field, bytes));
        return;
      }
    }
    string(g, name, value);
  }

  private static void embed(JsonGenerator g, SerializableString name, String value, Kind kind)
      throws IOException {
    switch (kind) {
      case JSON -> {
        // Checked by JsonValues.kindOf, so writing it raw keeps the detail valid.
        g.writeFieldName(name);
        g.writeRawValue(value);
      }
      case TEXT -> string(g, name, value);
      case ABSENT -> {}
    }
  }

  /**
   * Writes a string member; nothing when the value is {@code null} (absent members are omitted).
   */
  private static void string(JsonGenerator g, SerializableString name, String value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeString(value);
    }
  }

  private static String format(Instant t) {
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
}

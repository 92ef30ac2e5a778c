package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * What one rendering of a detail gave up to fit, written as the detail's {@code truncation}.
 *
 * @param originalSizeBytes the entry's size before shrinking, by AWS's formula
 * @param rawPayloadDropped whether {@code raw} was left out
 * @param stepIoDropped whether some kept step lost its {@code input} or {@code output}
 * @param truncatedFields the texts that were cut, in detail order
 * @param failedStepsOmitted how many trailing failed steps were left out
 */
record Truncation(
    long originalSizeBytes,
    boolean rawPayloadDropped,
    boolean stepIoDropped,
    List<TruncatedField> truncatedFields,
    int failedStepsOmitted) {

  /** Whether anything was given up, i.e. whether the detail is {@code truncated}. */
  boolean any() {
    return rawPayloadDropped
        || stepIoDropped
        || !truncatedFields.isEmpty()
        || failedStepsOmitted > 0;
  }

  /** Writes the {@code truncation} object, with only the members that apply. */
  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeFieldName(DetailNames.ORIGINAL_SIZE_BYTES);
    g.writeNumber(originalSizeBytes);
    if (rawPayloadDropped) {
      g.writeFieldName(DetailNames.RAW_PAYLOAD_DROPPED);
      g.writeBoolean(true);
    }
    if (stepIoDropped) {
      g.writeFieldName(DetailNames.STEP_IO_DROPPED);
      g.writeBoolean(true);
    }
    if (!truncatedFields.isEmpty()) {
      g.writeFieldName(DetailNames.TRUNCATED_FIELDS);
      g.writeStartArray();
      for (TruncatedField field : truncatedFields) {
        g.writeStartObject();
        g.writeFieldName(DetailNames.FIELD);
        g.writeString(field.field());
        g.writeFieldName(DetailNames.ORIGINAL_BYTES);
        g.writeNumber(field.originalBytes());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (failedStepsOmitted > 0) {
      g.writeFieldName(DetailNames.FAILED_STEPS_OMITTED);
      g.writeNumber(failedStepsOmitted);
    }
    g.writeEndObject();
  }
}

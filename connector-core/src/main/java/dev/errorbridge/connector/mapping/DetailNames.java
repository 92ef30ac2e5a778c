package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The member names of detail schema v1, pre-quoted once: Jackson then copies them instead of
 * escaping each name on every event.
 */
final class DetailNames {
  static final SerializableString SCHEMA_VERSION = name("schemaVersion");
  static final SerializableString EVENT_ID = name("eventId");
  static final SerializableString PLATFORM = name("platform");
  static final SerializableString TENANT_ID = name("tenantId");
  static final SerializableString CONNECTION_ID = name("connectionId");
  static final SerializableString OUTCOME = name("outcome");
  static final SerializableString WORKFLOW = name("workflow");
  static final SerializableString EXECUTION = name("execution");
  static final SerializableString ID = name("id");
  static final SerializableString NAME = name("name");
  static final SerializableString VERSION = name("version");
  static final SerializableString STATUS = name("status");
  static final SerializableString TRIGGER = name("trigger");
  static final SerializableString STARTED_AT = name("startedAt");
  static final SerializableString FINISHED_AT = name("finishedAt");
  static final SerializableString DURATION_MS = name("durationMs");
  static final SerializableString CONSOLE_URL = name("consoleUrl");
  static final SerializableString ERROR = name("error");
  static final SerializableString MESSAGE = name("message");
  static final SerializableString CODE = name("code");
  static final SerializableString FAILED_STEPS = name("failedSteps");
  static final SerializableString TYPE = name("type");
  static final SerializableString ERROR_MESSAGE = name("errorMessage");
  static final SerializableString HTTP_STATUS = name("httpStatus");
  static final SerializableString INPUT = name("input");
  static final SerializableString OUTPUT = name("output");
  static final SerializableString DELIVERY = name("delivery");
  static final SerializableString PATH = name("path");
  static final SerializableString DETECTED_AT = name("detectedAt");
  static final SerializableString TRUNCATED = name("truncated");
  static final SerializableString TRUNCATION = name("truncation");
  static final SerializableString ORIGINAL_SIZE_BYTES = name("originalSizeBytes");
  static final SerializableString RAW_PAYLOAD_DROPPED = name("rawPayloadDropped");
  static final SerializableString STEP_IO_DROPPED = name("stepIoDropped");
  static final SerializableString TRUNCATED_FIELDS = name("truncatedFields");
  static final SerializableString FIELD = name("field");
  static final SerializableString ORIGINAL_BYTES = name("originalBytes");
  static final SerializableString FAILED_STEPS_OMITTED = name("failedStepsOmitted");
  static final SerializableString RAW = name("raw");

  private DetailNames() {}

  private static SerializableString name(String name) {
    return new SerializedString(name);
  }
}

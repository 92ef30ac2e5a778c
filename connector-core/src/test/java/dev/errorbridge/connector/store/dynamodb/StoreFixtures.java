package dev.errorbridge.connector.store.dynamodb;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Entries and dead letters for the store tests. */
public final class StoreFixtures {
  public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private StoreFixtures() {}

  /** A small entry for {@code eventId}. */
  public static DeadLetter.Entry entry(String eventId) {
    return entryWithDetail(eventId, "{\"eventId\":\"" + eventId + "\",\"outcome\":\"FAILED\"}");
  }

  public static DeadLetter.Entry entryWithDetail(String eventId, String detail) {
    return new DeadLetter.Entry(
        "errorbridge.dify",
        "Workflow Execution Failed",
        detail,
        List.of("errorbridge:dify:workflow/wf-1", "errorbridge:dify:execution/" + eventId),
        T0.plusNanos(123_456_789));
  }

  /** A detail of about {@code bytes} bytes that compresses well, like a long stack trace. */
  public static String compressibleDetail(int bytes) {
    StringBuilder trace = new StringBuilder(bytes + 100);
    for (int line = 0; trace.length() < bytes; line++) {
      trace.append("at dev.example.Step").append(line % 50).append(".run(Step.java:42)\\n");
    }
    return "{\"error\":{\"stack\":\"" + trace + "\"}}";
  }

  /** A detail of about {@code bytes} bytes that gzip cannot shrink much (random base64). */
  public static String incompressibleDetail(int bytes) {
    byte[] noise = new byte[bytes * 3 / 4];
    new Random(42).nextBytes(noise);
    return "{\"blob\":\"" + Base64.getEncoder().encodeToString(noise) + "\"}";
  }

  /** A dead letter with every field set. */
  public static DeadLetter deadLetter(String tenantId, String connectionId, String eventId) {
    return new DeadLetter(
        tenantId,
        connectionId,
        eventId,
        DeadLetterReason.RETRIES_EXHAUSTED,
        "ThrottlingException",
        "Rate exceeded",
        8,
        T0.plusMillis(1),
        entry(eventId));
  }
}

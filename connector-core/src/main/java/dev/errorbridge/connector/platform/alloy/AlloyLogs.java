package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.RunDetailChecks;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Query;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import dev.errorbridge.connector.time.Deadline;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Alloy's two log endpoints for one connection ({@code Authorization: Bearer <key>}, plus {@code
 * x-api-version} on the 2025-09 generation), and how one {@code executionError} notification
 * becomes a failure. The poller and the webhook resolver both go through here, so a failure found
 * either way has the same execution id (hence event id), steps, times and raw payload.
 *
 * @param http the connection's client (also for the request counts of a scan)
 * @param options the connection's Alloy options
 * @param runs maps the connection's executions to failures
 */
record AlloyLogs(SourceHttpClient http, AlloyOptions options, AlloyRuns runs) {
  static final String LOGS = "GET /logs";
  static final String LOG = "GET /logs/{id}";

  /**
   * The endpoints of {@code connection}.
   *
   * @throws IllegalArgumentException when {@code connection} is not an Alloy connection
   */
  static AlloyLogs of(SourceConnection connection, HttpClient httpClient, Clock clock) {
    if (connection.platform() != Platform.ALLOY) {
      throw new IllegalArgumentException("not an Alloy connection: " + connection.platform());
    }
    AlloyOptions options = connection.options(AlloyOptions.class);
    Map<String, String> headers =
        options.generation().sendsVersionHeader()
            ? Map.of("x-api-version", options.generation().version())
            : Map.of();
    return new AlloyLogs(
        new SourceHttpClient(
            httpClient, clock, connection, "Authorization", "Bearer ", headers, null),
        options,
        new AlloyRuns(connection, clock));
  }

  SourceConnection connection() {
    return http.connection();
  }

  /** One {@code GET /logs} page. */
  JsonFields page(Query query, Deadline deadline) {
    return http.get(LOGS, http.url("/logs", query), deadline).body();
  }

  /**
   * {@code GET /logs/{executionId}}; empty when Alloy no longer has the execution, or when its
   * answer is larger than the body limit (the failure is then built from the notification).
   */
  Optional<JsonResponse> detail(String executionId, Deadline deadline) {
    return http.detail(LOG, logUrl(executionId), deadline, executionId);
  }

  /**
   * {@code GET /logs/{executionId}} for a recheck: empty only when Alloy no longer has the
   * execution (an answer too large throws, so that the run stays tracked).
   */
  Optional<JsonResponse> recheck(String executionId, Deadline deadline) {
    return http.find(LOG, logUrl(executionId), deadline);
  }

  private java.net.URI logUrl(String executionId) {
    return http.url("/logs/" + Query.encode(executionId), Query.of());
  }

  /**
   * The {@code data} of an execution's log, which must be about {@code executionId} when it names
   * an execution ({@code _id} or {@code executionUuid}) and, for an execution listed as an error,
   * must have finished.
   *
   * @param listedAsError whether a notification listed the execution as failed
   * @throws dev.errorbridge.connector.source.SourceResponseInvalidException when it does not
   */
  static JsonFields detailOf(JsonResponse detail, String executionId, boolean listedAsError) {
    JsonFields data = detail.body().requiredObject("data");
    String id = data.text("_id");
    String uuid = data.text("executionUuid");
    if ((id != null || uuid != null) && !executionId.equals(id) && !executionId.equals(uuid)) {
      throw RunDetailChecks.namesAnother(
          data, id != null ? "_id" : "executionUuid", id != null ? id : uuid, "execution");
    }
    if (listedAsError && Boolean.FALSE.equals(data.bool("finished"))) {
      throw data.invalid("finished", "is false for an execution listed as an executionError");
    }
    return data;
  }

  /**
   * When the scan window places a notification: when it was written ({@code createdAt}), else when
   * its run completed or started; {@code null} when it has no time at all.
   */
  static Instant listedAt(JsonFields note) {
    Instant created = note.instant("createdAt");
    if (created != null) {
      return created;
    }
    Instant completed = note.instant("completedAt");
    return completed != null ? completed : note.instant("startedAt");
  }

  /**
   * The id a notification's failure is keyed by: {@code data.executionId} (the 24-hex id {@code GET
   * /logs/{id}} takes), else {@code data.executionUuid}.
   */
  static String executionId(JsonFields note) {
    JsonFields data = note.requiredObject("data");
    String executionId = data.text("executionId");
    return executionId != null ? executionId : data.requiredText("executionUuid");
  }

  /** Whether a {@code GET /logs} row is an error (Alloy may ignore the filter or add types). */
  static boolean isError(JsonFields note) {
    return AlloyLogQuery.EXECUTION_ERROR.equals(note.text("message"));
  }

  /**
   * The failure {@code note} reports, with the failing blocks from {@code GET /logs/{id}}, or from
   * the notification alone when Alloy no longer has the detail.
   */
  FailedExecution failure(JsonFields note, String executionId, Deadline deadline) {
    Optional<JsonResponse> detail = detail(executionId, deadline);
    return detail.isPresent()
        ? runs.failure(
            detail.get().origin(), executionId, note, detailOf(detail.get(), executionId, true))
        : runs.failure(http.origin(LOGS), executionId, note, null);
  }
}

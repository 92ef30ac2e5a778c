package dev.errorbridge.connector.platform.alloy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.http.Query;
import java.time.Instant;

/**
 * The query of one {@code GET /logs} page: the {@code filters} JSON array ({@code message equals
 * executionError}, and for a scan the window as {@code createdAt greaterthan / lessthan} unless the
 * connection turned that off), the connection's {@code associatedUserId}, {@code skip}/{@code
 * limit}, by {@code createdAt}: oldest first for a scan, newest first to find one execution.
 */
final class AlloyLogQuery {
  static final String EXECUTION_ERROR = "executionError";

  private AlloyLogQuery() {}

  static Query page(AlloyOptions options, ScanRequest request, int skip, int limit) {
    ArrayNode filters = JsonNodeFactory.instance.arrayNode();
    filters.add(filter("message", "equals", EXECUTION_ERROR));
    if (options.serverTimeFilter()) {
      // greaterthan is strict and the window's start inclusive: start one millisecond earlier.
      filters.add(filter("createdAt", "greaterthan", iso(request.after().minusMillis(1))));
      filters.add(filter("createdAt", "lessthan", iso(request.before())));
    }
    return query(options, filters, skip, limit, "asc");
  }

  /**
   * A page of the newest errors, for finding the execution a webhook names. No time window: Alloy's
   * value format for it is unverified, and the newest rows are the ones wanted anyway. {@code
   * data.executionUuid} is not a filter column Alloy lists, so the caller matches it.
   */
  static Query newest(AlloyOptions options, int skip, int limit) {
    ArrayNode filters = JsonNodeFactory.instance.arrayNode();
    filters.add(filter("message", "equals", EXECUTION_ERROR));
    return query(options, filters, skip, limit, "desc");
  }

  private static Query query(
      AlloyOptions options, ArrayNode filters, int skip, int limit, String sortOrder) {
    return Query.of()
        .add("filters", filters.toString())
        .add("associatedUserId", options.userId())
        .add("skip", skip)
        .add("limit", limit)
        .add("sortBy", "createdAt")
        .add("sortOrder", sortOrder);
  }

  private static ObjectNode filter(String column, String operator, String value) {
    ObjectNode filter = JsonNodeFactory.instance.objectNode();
    filter.putObject("columns").put("value", column);
    filter.putObject("operators").put("value", operator);
    filter.putObject("userinput").put("value", value);
    filter.putObject("condition").put("value", "and");
    return filter;
  }

  /** Alloy's own form: ISO 8601 in UTC with milliseconds. */
  private static String iso(Instant instant) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }
}

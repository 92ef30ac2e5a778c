package dev.errorbridge.connector.platform.trigify;

import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.PageSize;
import dev.errorbridge.connector.source.http.Query;
import dev.errorbridge.connector.source.http.ScanSession;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trigify's workflows ({@code GET /workflows}, offset pages): a scan reads each one's executions. A
 * workflow without an id fails alone; a page too large is asked for again with fewer rows.
 */
final class TrigifyWorkflows {
  private final SourceHttpClient http;
  private final TrigifyOptions options;
  private final PageSize pages;

  TrigifyWorkflows(SourceHttpClient http, TrigifyOptions options) {
    this.http = http;
    this.options = options;
    this.pages =
        new PageSize(
            options.pageSize(), http.connection().connectionId(), TrigifyFailureSource.WORKFLOWS);
  }

  /** Workflow ids to names, in Trigify's order, filtered by the scan's request. */
  Map<String, String> list(ScanSession session) {
    Map<String, String> workflows = new LinkedHashMap<>();
    for (int offset = 0; ; ) {
      JsonFields body = page(session, offset);
      if (body == null) {
        session.rowTooLarge(TrigifyFailureSource.WORKFLOWS, offset + 1);
        offset += 1;
        continue;
      }
      JsonFields data = body.requiredObject("data");
      int listed =
          session.page(
              data,
              "items",
              item -> null,
              item -> {
                String id = item.requiredText("id");
                if (session.request().wantsWorkflow(id)) {
                  workflows.putIfAbsent(id, item.text("name"));
                }
              });
      offset += listed;
      Boolean hasMore = data.has("has_more") ? data.bool("has_more") : body.bool("has_more");
      Long total = data.has("total") ? data.longValue("total") : body.longValue("total");
      boolean more =
          hasMore != null ? hasMore : total != null ? offset < total : listed >= pages.current();
      if (listed == 0 || !more) {
        return workflows;
      }
    }
  }

  /** The page at {@code offset}, or {@code null} when its first row is too large even alone. */
  private JsonFields page(ScanSession session, int offset) {
    return pages.read(
        offset,
        limit ->
            http.get(
                    TrigifyFailureSource.WORKFLOWS,
                    http.url(
                        "/workflows",
                        Query.of()
                            .add("limit", limit)
                            .add("offset", offset)
                            .add("status", options.workflowStatus())),
                    session.request().deadline())
                .body());
  }
}

package dev.errorbridge.connector.platform.n8n;

import dev.errorbridge.connector.source.SourceRequestRejectedException;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Query;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow names from {@code GET /api/v1/workflows/{id}}, for the executions whose detail does not
 * name their workflow (a detail gone, or too large to read). Cached per connection, bounded
 * ({@value #MAX_ENTRIES} workflows, least recently used out first) and for {@link #TTL} each, so a
 * renamed workflow shows its new name within that time; an unknown workflow (404), or one the key
 * may not read, is cached as unnamed. One scan at a time uses it, like its source.
 */
final class N8nWorkflowNames {
  static final String WORKFLOW = "GET /api/v1/workflows/{id}";
  static final int MAX_ENTRIES = 512;
  static final Duration TTL = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(N8nWorkflowNames.class);

  private final SourceHttpClient http;
  private final String apiPath;
  private final Clock clock;
  private final Map<String, Entry> names =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private record Entry(String name, Instant expiresAt) {}

  /**
   * @param apiPath the path prefix of the API under the connection's base URL ({@code /api/v1}, or
   *     empty when the base URL ends in it)
   */
  N8nWorkflowNames(SourceHttpClient http, String apiPath, Clock clock) {
    this.http = http;
    this.apiPath = apiPath;
    this.clock = clock;
  }

  /** The name of workflow {@code id}, or {@code null} when n8n names none. */
  String name(String id, Deadline deadline) {
    Instant now = clock.instant();
    Entry cached = names.get(id);
    if (cached != null && now.isBefore(cached.expiresAt())) {
      return cached.name();
    }
    String name;
    try {
      Optional<JsonResponse> workflow =
          http.find(
              WORKFLOW, http.url(apiPath + "/workflows/" + Query.encode(id), Query.of()), deadline);
      name = workflow.map(w -> w.body().text("name")).orElse(null);
    } catch (SourceRequestRejectedException e) {
      // (SourceAuthException is one too.) A key without workflow:read (enforced on licensed
      // instances) still reads executions: the
      // failure goes out unnamed rather than the connection stopping over a name.
      LOG.warn(
          "n8n workflow name unavailable connection={} workflow={}: {}",
          http.connection().connectionId(),
          id,
          e.getMessage());
      name = null;
    }
    names.put(id, new Entry(name, now.plus(TTL)));
    return name;
  }

  /** Workflows cached now, for tests. */
  int size() {
    return names.size();
  }
}

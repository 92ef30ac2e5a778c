package dev.errorbridge.connector.connection;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a connection watches: a workflow platform and which of its failures to stream.
 *
 * @param platform the platform
 * @param baseUrl the platform's API base URL, or {@code null} for a webhook-only connection
 * @param apiKey the platform API key, encrypted, or {@code null} for a webhook-only connection
 * @param outcomes which outcomes to stream; always contains {@link Outcome#FAILED}
 * @param workflowIds the workflows to stream; empty means all
 * @param options platform-specific settings (e.g. Alloy's API generation and user id)
 */
public record ConnectionSource(
    Platform platform,
    URI baseUrl,
    StoredSecret apiKey,
    Set<Outcome> outcomes,
    Set<String> workflowIds,
    Map<String, String> options) {
  public ConnectionSource {
    Objects.requireNonNull(platform, "platform");
    EnumSet<Outcome> streamed = EnumSet.of(Outcome.FAILED);
    if (outcomes != null) {
      streamed.addAll(outcomes);
    }
    outcomes = Set.copyOf(streamed);
    workflowIds = workflowIds == null ? Set.of() : Set.copyOf(workflowIds);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** Whether failures of this workflow and outcome are streamed. */
  public boolean streams(String workflowId, Outcome outcome) {
    return outcomes.contains(outcome)
        && (workflowIds.isEmpty() || workflowIds.contains(workflowId));
  }
}

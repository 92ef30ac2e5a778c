package dev.errorbridge.connector.mapping;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.mapping.DetailWriter.Detail;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The schema v1 mapping:
 *
 * <ul>
 *   <li>{@code Source}: {@link MappingOptions#sourceNameFor}, by default {@code
 *       errorbridge.<platform>};
 *   <li>{@code DetailType}: the outcome's, e.g. {@code Workflow Execution Failed};
 *   <li>{@code Time}: when the execution finished, else when Errorbridge detected it;
 *   <li>{@code Resources}: {@code errorbridge:<platform>:workflow/<workflow id>} and {@code
 *       errorbridge:<platform>:execution/<execution id>};
 *   <li>{@code Detail}: the schema v1 JSON written by {@link DetailWriter}, with the {@link
 *       EventIds deterministic event id}, shrunk by {@link EventShrinker} when the entry is over
 *       {@link MappingOptions#maxEntrySizeBytes()};
 *   <li>no {@code EventBusName}: the publisher sets the destination's bus.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class DefaultFailedExecutionMapper implements FailedExecutionMapper {

  @Override
  public MappedEvent map(FailedExecution failure, MappingOptions options) {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(options, "options");
    String eventId = EventIds.of(failure);
    String source = options.sourceNameFor(failure.platform());
    String detailType = failure.execution().outcome().detailType();
    Instant finishedAt = failure.execution().finishedAt();
    Instant time = finishedAt != null ? finishedAt : failure.delivery().detectedAt();
    String platform = failure.platform().id();
    String workflowResource = resource(platform, ":workflow/", failure.workflow().id());
    String executionResource = resource(platform, ":execution/", failure.execution().id());

    long fixedBytes =
        EntrySize.TIME_BYTES
            + Utf8.length(source)
            + Utf8.length(detailType)
            + Utf8.length(workflowResource)
            + Utf8.length(executionResource);
    long limit = options.maxEntrySizeBytes();

    DetailWriter writer = new DetailWriter(failure, eventId, options.includeRawPayload());
    Detail detail = writer.write(ShrinkPlan.NONE, 0);
    if (fixedBytes + detail.utf8Bytes() > limit) {
      detail =
          EventShrinker.fit(
              writer, detail, fixedBytes, limit, eventId, failure.failedSteps().size());
    }

    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .source(source)
            .detailType(detailType)
            .time(time)
            .resources(List.of(workflowResource, executionResource))
            .detail(detail.json())
            .build();
    return new MappedEvent(eventId, entry, fixedBytes + detail.utf8Bytes(), detail.truncated());
  }

  /** {@code errorbridge:<platform><kind><id>}, free of unpaired surrogates. */
  private static String resource(String platform, String kind, String id) {
    String resource = "errorbridge:" + platform + kind + id;
    // Ids come from the platforms; an unpaired surrogate in one must not make the entry unsendable.
    return Utf8.lengthIfWellFormed(resource) >= 0
        ? resource
        : Utf8.replaceUnpairedSurrogates(resource);
  }
}

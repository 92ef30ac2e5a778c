package dev.errorbridge.samples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.CfnArchive;
import software.amazon.awscdk.services.events.IEventBus;
import software.constructs.Construct;

/**
 * Archives every Errorbridge event that reaches the bus, so that a window can be replayed into it
 * with {@code StartReplay} after a consumer was down or broken (samples/README.md shows how). The
 * pattern takes every source Errorbridge uses by default ({@code errorbridge.<platform>}); a
 * connection with its own source name needs its own pattern.
 */
public final class ErrorbridgeArchive extends Construct {
  /** The archive's event pattern: sources with the prefix {@code errorbridge.}. */
  public static final Map<String, Object> EVENT_PATTERN =
      Map.of("source", List.of(Map.of("prefix", "errorbridge.")));

  private final CfnArchive archive;

  public ErrorbridgeArchive(
      Construct scope, String id, IEventBus bus, AlertingParameters parameters) {
    super(scope, id);
    archive =
        CfnArchive.Builder.create(this, "Archive")
            .sourceArn(bus.getEventBusArn())
            .description("Errorbridge events, for replay")
            .eventPattern(EVENT_PATTERN)
            .retentionDays(parameters.archiveRetentionDays().getValueAsNumber())
            .build();
  }

  /** The archive resource. */
  public CfnArchive archive() {
    return archive;
  }
}

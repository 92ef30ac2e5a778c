package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.ConnectionStore;
import java.time.Clock;

/** What a cycle works with; built once by the engine and shared by its cycles. */
record EngineParts(
    CheckpointStore checkpoints,
    ConnectionStore connections,
    PollSources sources,
    FailureDelivery delivery,
    PollHealth health,
    PollConfig config,
    Clock clock) {}

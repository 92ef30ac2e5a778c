package dev.errorbridge.lambda;

import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.DefaultPollEngine;
import dev.errorbridge.connector.poll.FailureDelivery;
import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.poll.PollEngine;
import dev.errorbridge.connector.poll.PollScheduler;
import dev.errorbridge.connector.poll.PollSources;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.time.Sleeper;
import java.time.Clock;

/**
 * The poll engine and scheduler over the shared object graph (the Lambda-only part of the wiring:
 * connector-core's {@link ConnectorComponents} does not build them). Both use the default {@link
 * PollConfig}; the platform sources use the components' guarded platform client.
 */
final class PollWiring {
  private PollWiring() {}

  static PollEngine engine(ConnectorComponents components, Clock clock) {
    return DefaultPollEngine.builder()
        .checkpoints(components.checkpoints())
        .connections(components.connections())
        .sources(
            new PollSources(
                new DefaultFailureSourceFactory(
                    components.platformHttpClient(), clock, Sleeper.SYSTEM),
                components.cipher()))
        .delivery(FailureDelivery.of(components.delivery()))
        .health(components.health())
        .config(PollConfig.defaults())
        .clock(clock)
        .build();
  }

  static PollScheduler scheduler(ConnectorComponents components, Clock clock) {
    return new PollScheduler(
        components.connections(), components.checkpoints(), PollConfig.defaults(), clock);
  }
}

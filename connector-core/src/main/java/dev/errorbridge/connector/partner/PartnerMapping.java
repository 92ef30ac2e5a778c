package dev.errorbridge.connector.partner;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.mapping.EntrySize;
import dev.errorbridge.connector.mapping.MappingOptions;

/**
 * The mapping options a connection's events are built with. {@code PutPartnerEvents} sends each
 * entry with the partner event source's name as its {@code Source}, which counts towards the entry
 * size (AWS's formula) and is longer than {@code errorbridge.<platform>}; so a PARTNER_EVENT_SOURCE
 * connection's size budget shrinks by the difference, and an event shrunk to fit still fits once
 * its Source is replaced.
 */
public final class PartnerMapping {
  private PartnerMapping() {}

  /** The connection's mapping options, with the size budget a partner Source leaves. */
  public static MappingOptions optionsFor(Connection connection) {
    MappingOptions options = connection.mapping();
    if (!(connection.destination().auth() instanceof DestinationAuth.PartnerEventSource)) {
      return options;
    }
    long extra =
        EntrySize.utf8(connection.destination().eventBus())
            - EntrySize.utf8(options.sourceNameFor(connection.source().platform()));
    if (extra <= 0) {
      return options;
    }
    return options.toBuilder()
        .maxEntrySizeBytes((int) Math.max(1, options.maxEntrySizeBytes() - extra))
        .build();
  }
}

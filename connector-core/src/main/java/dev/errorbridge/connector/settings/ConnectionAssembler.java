package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.partner.PartnerMode;
import dev.errorbridge.connector.secrets.SecretPurpose;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies a validated {@link ConnectionRequest} to a connection (or to nothing, for a create),
 * encrypting new secrets, and records which fields changed for the audit trail (names only).
 */
final class ConnectionAssembler {
  private final Supplier<String> externalIds;
  private final PartnerMode partnerMode;

  ConnectionAssembler(Supplier<String> externalIds, PartnerMode partnerMode) {
    this.externalIds = externalIds;
    this.partnerMode = partnerMode;
  }

  /** The result: the connection to store and the names of the fields that changed. */
  record Assembled(Connection connection, List<String> changedFields, boolean credentialsChanged) {}

  Assembled create(
      String id, String tenantId, ConnectionRequest request, SecretSealer sealer, Instant now) {
    Connection blank = null;
    return apply(blank, id, tenantId, request, sealer, now);
  }

  Assembled update(
      Connection existing, ConnectionRequest request, SecretSealer sealer, Instant now) {
    return apply(existing, existing.id(), existing.tenantId(), request, sealer, now);
  }

  private Assembled apply(
      Connection existing,
      String id,
      String tenantId,
      ConnectionRequest request,
      SecretSealer sealer,
      Instant now) {
    List<String> changed = new ArrayList<>();
    String name = pick(request.name(), existing == null ? null : existing.name(), "name", changed);
    boolean enabled =
        pick(
            request.enabled(),
            existing == null ? Boolean.FALSE : existing.enabled(),
            "enabled",
            changed);
    ConnectionSource source = source(request.source(), existing, sealer, changed);
    ConnectionWebhook webhook = webhook(request.webhook(), existing, sealer, changed);
    DestinationChange destination =
        destination(id, request.destination(), existing, sealer, changed);
    MappingOptions mapping = mapping(request.mapping(), existing, changed);
    ConnectionHealth health =
        existing == null
            ? ConnectionHealth.initial(enabled, now)
            : enabled != existing.enabled()
                ? existing
                    .health()
                    .withState(ConnectionHealth.initial(enabled, now).state(), null, now)
                : existing.health();
    Connection connection =
        new Connection(
            id,
            tenantId,
            name == null ? source.platform().id() + " connection" : name,
            enabled,
            source,
            webhook,
            destination.destination(),
            mapping,
            health,
            existing == null ? now : existing.createdAt(),
            now,
            existing == null ? 1 : existing.version());
    return new Assembled(connection, List.copyOf(changed), destination.credentialsChanged());
  }

  private static ConnectionSource source(
      ConnectionRequest.Source request,
      Connection existing,
      SecretSealer sealer,
      List<String> changed) {
    ConnectionSource current = existing == null ? null : existing.source();
    if (request == null) {
      return current;
    }
    Platform platform =
        current != null ? current.platform() : ConnectionValidator.platform(request.platform());
    if (current == null) {
      changed.add("source.platform");
    }
    URI baseUrl =
        request.baseUrl() != null
            ? mark(URI.create(request.baseUrl()), "source.baseUrl", changed)
            : current == null ? null : current.baseUrl();
    var apiKey =
        request.apiKey() != null
            ? mark(
                sealer.seal(request.apiKey(), SecretPurpose.PLATFORM_API_KEY),
                "source.apiKey",
                changed)
            : current == null ? null : current.apiKey();
    Set<Outcome> outcomes =
        request.outcomes() != null
            ? mark(outcomes(request.outcomes()), "source.outcomes", changed)
            : current == null ? Set.of(Outcome.FAILED) : current.outcomes();
    Set<String> workflows =
        request.workflowIds() != null
            ? mark(new LinkedHashSet<>(request.workflowIds()), "source.workflowIds", changed)
            : current == null ? Set.of() : current.workflowIds();
    var options =
        request.options() != null
            ? mark(request.options(), "source.options", changed)
            : current == null ? null : current.options();
    return new ConnectionSource(platform, baseUrl, apiKey, outcomes, workflows, options);
  }

  private static ConnectionWebhook webhook(
      ConnectionRequest.Webhook request,
      Connection existing,
      SecretSealer sealer,
      List<String> changed) {
    ConnectionWebhook current = existing == null ? ConnectionWebhook.none() : existing.webhook();
    if (request == null) {
      return current;
    }
    var secret = current.secret();
    var previous = current.previousSecret();
    if (request.secret() != null) {
      // The old secret stays valid until the next rotation, so senders can switch without a gap.
      previous = current.secret();
      secret =
          mark(
              sealer.seal(request.secret(), SecretPurpose.WEBHOOK_SECRET),
              "webhook.secret",
              changed);
    }
    var mapping =
        request.fieldMapping() != null
            ? mark(request.fieldMapping(), "webhook.fieldMapping", changed)
            : current.fieldMapping();
    return new ConnectionWebhook(secret, previous, mapping);
  }

  private record DestinationChange(ConnectionDestination destination, boolean credentialsChanged) {}

  private DestinationChange destination(
      String id,
      ConnectionRequest.Destination request,
      Connection existing,
      SecretSealer sealer,
      List<String> changed) {
    ConnectionDestination current = existing == null ? null : existing.destination();
    if (request == null) {
      return new DestinationChange(current, false);
    }
    String region =
        request.region() != null
            ? mark(request.region(), "destination.region", changed)
            : current.region();
    String bus =
        request.eventBus() != null
            ? mark(request.eventBus(), "destination.eventBus", changed)
            : current == null ? null : current.eventBus();
    DestinationAuth auth = current == null ? null : current.auth();
    if (request.auth() != null) {
      auth = auth(request.auth(), current == null ? null : current.auth(), sealer);
      changed.add("destination.auth");
    }
    if (auth instanceof DestinationAuth.PartnerEventSource) {
      // The customer's partner event bus takes the source's name, which Errorbridge chooses.
      String source =
          partnerMode
              .sourceName(id)
              .orElseThrow(() -> new IllegalStateException("partner mode is off; validate first"));
      if (!source.equals(bus)) {
        bus = mark(source, "destination.eventBus", changed);
      }
    }
    boolean credentialsChanged =
        request.auth() != null || request.region() != null || request.eventBus() != null;
    return new DestinationChange(new ConnectionDestination(region, bus, auth), credentialsChanged);
  }

  private DestinationAuth auth(
      ConnectionRequest.Auth request, DestinationAuth current, SecretSealer sealer) {
    return switch (ConnectionValidator.authMode(request.mode())) {
      case ACCESS_KEYS ->
          new DestinationAuth.AccessKeys(
              request.accessKeyId(),
              sealer.seal(request.secretAccessKey(), SecretPurpose.AWS_SECRET_ACCESS_KEY),
              sealer.seal(request.sessionToken(), SecretPurpose.AWS_SESSION_TOKEN));
      case ASSUME_ROLE ->
          new DestinationAuth.AssumeRole(
              request.roleArn(),
              // Keep the External ID across edits: the customer's trust policy already names it.
              current instanceof DestinationAuth.AssumeRole role
                  ? role.externalId()
                  : externalIds.get());
      case AMBIENT -> new DestinationAuth.Ambient();
      case PARTNER_EVENT_SOURCE -> new DestinationAuth.PartnerEventSource(request.accountId());
    };
  }

  private static MappingOptions mapping(
      ConnectionRequest.Mapping request, Connection existing, List<String> changed) {
    MappingOptions current = existing == null ? MappingOptions.defaults() : existing.mapping();
    if (request == null) {
      return current;
    }
    MappingOptions.Builder builder = current.toBuilder();
    if (request.sourceName() != null) {
      builder.sourceName(request.sourceName());
      changed.add("mapping.sourceName");
    }
    if (request.includeRawPayload() != null) {
      builder.includeRawPayload(request.includeRawPayload());
      changed.add("mapping.includeRawPayload");
    }
    if (request.maxEntrySizeBytes() != null) {
      builder.maxEntrySizeBytes(request.maxEntrySizeBytes());
      changed.add("mapping.maxEntrySizeBytes");
    }
    return builder.build();
  }

  private static Set<Outcome> outcomes(List<String> names) {
    Set<Outcome> outcomes = EnumSet.of(Outcome.FAILED);
    names.forEach(n -> outcomes.add(Outcome.valueOf(n.toUpperCase(Locale.ROOT))));
    return outcomes;
  }

  private static <T> T pick(T requested, T current, String field, List<String> changed) {
    if (requested == null) {
      return current;
    }
    if (!requested.equals(current)) {
      changed.add(field);
    }
    return requested;
  }

  private static <T> T mark(T value, String field, List<String> changed) {
    changed.add(field);
    return value;
  }
}

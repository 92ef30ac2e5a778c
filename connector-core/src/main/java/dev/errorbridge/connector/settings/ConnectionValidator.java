package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.mapping.MappingOptionsInvalidException;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ConnectionRequest} against what AWS and the platforms accept, and reports every
 * problem at once with its field and fix. For an update, absent fields take their stored values, so
 * cross-field rules (a bus ARN's region must be the destination's region) see the result.
 */
public final class ConnectionValidator {
  static final Pattern JSON_POINTER = Pattern.compile("(/([^/~]|~[01])*)*");
  static final Set<String> GENERIC_REQUIRED_POINTERS = Set.of("workflowId", "executionId");
  static final Set<String> GENERIC_POINTER_FIELDS =
      Set.of(
          "workflowId",
          "workflowName",
          "executionId",
          "status",
          "errorMessage",
          "errorCode",
          "startedAt",
          "finishedAt");

  private final BaseUrlPolicy baseUrls;
  private final DestinationRules destinations;
  private final PlatformRegistry registry = PlatformRegistry.builtIn();

  /** With {@link DestinationPolicy#unrestricted()}. */
  public ConnectionValidator(BaseUrlPolicy baseUrls) {
    this(baseUrls, DestinationPolicy.unrestricted());
  }

  /**
   * @param baseUrls which platform base URLs may be called
   * @param destinations which roles and AMBIENT buses this deployment's permissions allow
   */
  public ConnectionValidator(BaseUrlPolicy baseUrls, DestinationPolicy destinations) {
    this.baseUrls = baseUrls;
    this.destinations = new DestinationRules(destinations);
  }

  /**
   * Validates a create ({@code existing == null}) or an update of {@code existing}.
   *
   * @throws ConnectionInvalidException listing every problem
   */
  public void validate(ConnectionRequest request, Connection existing) {
    List<FieldProblem> problems = new ArrayList<>();
    boolean create = existing == null;
    if (request.name() != null && (request.name().isBlank() || request.name().length() > 200)) {
      problems.add(new FieldProblem("name", "must be 1 to 200 characters"));
    }
    Platform platform = source(request.source(), existing, create, problems);
    webhook(request, platform, existing, problems);
    destinations.check(request.destination(), existing, problems);
    mapping(request.mapping(), problems);
    if (!problems.isEmpty()) {
      throw new ConnectionInvalidException(problems);
    }
  }

  private Platform source(
      ConnectionRequest.Source source,
      Connection existing,
      boolean create,
      List<FieldProblem> problems) {
    if (source == null) {
      if (create) {
        problems.add(new FieldProblem("source", "is required, with at least source.platform"));
      }
      return existing == null ? null : existing.source().platform();
    }
    Platform platform = existing == null ? null : existing.source().platform();
    if (source.platform() != null) {
      Platform requested = platform(source.platform());
      if (requested == null) {
        problems.add(
            new FieldProblem("source.platform", "must be one of " + registry.idList(", ")));
      } else if (platform != null && requested != platform) {
        problems.add(
            new FieldProblem(
                "source.platform",
                "cannot change (" + platform.id() + "); create a new connection instead"));
      } else {
        platform = requested;
      }
    } else if (create) {
      problems.add(new FieldProblem("source.platform", "is required: " + registry.idList(" or ")));
    }
    if (source.baseUrl() != null) {
      baseUrls
          .check(source.baseUrl())
          .ifPresent(p -> problems.add(new FieldProblem("source.baseUrl", p)));
    }
    if (source.apiKey() != null) {
      String key = source.apiKey().reveal();
      if (key.isBlank()
          || key.length() > 4096
          || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        problems.add(
            new FieldProblem(
                "source.apiKey",
                "must be 1 to 4096 printable ASCII characters without spaces; paste the key as"
                    + " the platform shows it"));
      }
    }
    if (pushedOnly(platform) && source.apiKey() != null) {
      problems.add(
          new FieldProblem(
              "source.apiKey", "is not used by generic webhook connections; remove it"));
    }
    if (source.outcomes() != null) {
      for (String outcome : source.outcomes()) {
        if (!Set.of("FAILED", "STOPPED", "PARTIAL")
            .contains(String.valueOf(outcome).toUpperCase(Locale.ROOT))) {
          problems.add(
              new FieldProblem(
                  "source.outcomes", "contains " + outcome + "; use FAILED, STOPPED or PARTIAL"));
        }
      }
    }
    sourceOptions(source, platform, existing, problems);
    if (source.workflowIds() != null
        && source.workflowIds().stream().anyMatch(w -> w == null || w.isBlank())) {
      problems.add(new FieldProblem("source.workflowIds", "must not contain empty ids"));
    }
    return platform;
  }

  /**
   * A polled connection's options must make a working poller (e.g. Dify's app id), so the source's
   * own option reader judges them here, when the user can still fix them.
   */
  private void sourceOptions(
      ConnectionRequest.Source source,
      Platform platform,
      Connection existing,
      List<FieldProblem> problems) {
    boolean polls =
        source.apiKey() != null || (existing != null && existing.source().apiKey() != null);
    if (platform == null || pushedOnly(platform) || !polls) {
      return;
    }
    Map<String, String> options =
        source.options() != null
            ? source.options()
            : existing == null ? Map.of() : existing.source().options();
    SourceConnection.Builder poller;
    try {
      poller = registry.applyOptions(platform, options, SourceConnection.builder(platform));
    } catch (SourceConnectionInvalidException e) {
      e.problems().forEach(p -> problems.add(new FieldProblem("source.options", p)));
      return;
    }
    boolean hasBaseUrl =
        source.baseUrl() != null || (existing != null && existing.source().baseUrl() != null);
    if (!hasBaseUrl && poller.baseUrlOrDefault() == null) {
      // A self-hosted platform (n8n) has no public API address to fall back on: without this the
      // connection saves, and its first poll fails.
      problems.add(
          new FieldProblem(
              "source.baseUrl",
              "is required to poll "
                  + platform.id()
                  + ": it has no public API address; give your instance's, e.g."
                  + " https://n8n.example.com"));
    }
  }

  private void webhook(
      ConnectionRequest request,
      Platform platform,
      Connection existing,
      List<FieldProblem> problems) {
    ConnectionRequest.Webhook webhook = request.webhook();
    boolean hasSecret =
        (webhook != null && webhook.secret() != null)
            || (existing != null && existing.webhook().enabled());
    boolean hasApiKey =
        (request.source() != null && request.source().apiKey() != null)
            || (existing != null && existing.source().apiKey() != null);
    if (webhook != null && webhook.secret() != null) {
      int length = webhook.secret().reveal().length();
      if (length < 16 || length > 512) {
        problems.add(
            new FieldProblem(
                "webhook.secret",
                "must be 16 to 512 characters; generate one with e.g. `openssl rand -hex 32`"));
      }
    }
    if (pushedOnly(platform)) {
      if (!hasSecret) {
        problems.add(
            new FieldProblem(
                "webhook.secret",
                "is required for a generic webhook connection (it signs requests)"));
      }
      genericMapping(webhook, existing, problems);
    } else if (platform != null && !hasApiKey && !hasSecret) {
      problems.add(
          new FieldProblem(
              "source.apiKey",
              "is required to poll "
                  + platform.id()
                  + " (or set webhook.secret for a webhook-only connection)"));
    }
  }

  private static void genericMapping(
      ConnectionRequest.Webhook webhook, Connection existing, List<FieldProblem> problems) {
    Map<String, String> mapping =
        webhook != null && webhook.fieldMapping() != null
            ? webhook.fieldMapping()
            : existing == null ? Map.of() : existing.webhook().fieldMapping();
    for (String required : sorted(GENERIC_REQUIRED_POINTERS)) {
      if (!mapping.containsKey(required)) {
        problems.add(
            new FieldProblem(
                "webhook.fieldMapping." + required,
                "is required: a JSON Pointer into the body such as /run/id"));
      }
    }
    mapping.forEach(
        (field, pointer) -> {
          if (!GENERIC_POINTER_FIELDS.contains(field)) {
            problems.add(
                new FieldProblem(
                    "webhook.fieldMapping." + field,
                    "is not a mapped field; use one of "
                        + String.join(", ", sorted(GENERIC_POINTER_FIELDS))));
          } else if (pointer == null || !JSON_POINTER.matcher(pointer).matches()) {
            problems.add(
                new FieldProblem(
                    "webhook.fieldMapping." + field,
                    "must be a JSON Pointer (RFC 6901) such as /data/id"));
          }
        });
  }

  private static void mapping(ConnectionRequest.Mapping mapping, List<FieldProblem> problems) {
    if (mapping == null) {
      return;
    }
    MappingOptions.Builder builder = MappingOptions.builder().sourceName(mapping.sourceName());
    if (mapping.maxEntrySizeBytes() != null) {
      builder.maxEntrySizeBytes(mapping.maxEntrySizeBytes());
    }
    try {
      builder.build();
    } catch (MappingOptionsInvalidException e) {
      e.problems().forEach(p -> problems.add(new FieldProblem("mapping", p)));
    }
  }

  static DestinationAuth.AuthMode authMode(String mode) {
    if (mode == null) {
      return null;
    }
    for (DestinationAuth.AuthMode m : DestinationAuth.AuthMode.values()) {
      if (m.name().equalsIgnoreCase(mode)) {
        return m;
      }
    }
    return null;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  /** The registered platform {@code id} names in any case, or {@code null}. */
  static Platform platform(String id) {
    return PlatformRegistry.builtIn().platform(id).orElse(null);
  }

  /** A platform that only pushes (the generic webhook): no API key, a signing secret required. */
  private boolean pushedOnly(Platform platform) {
    return platform != null
        && registry.polling(platform).isEmpty()
        && registry.webhooks(platform).isPresent();
  }
}

package dev.errorbridge.localaws.events;

import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every account's buses, per region. A request only ever sees the buses of the account that signed
 * it: a bus ARN naming another account resolves to {@code AccessDeniedException}, never to that
 * account's bus.
 */
public final class EventBusStore {
  public static final String DEFAULT_BUS = "default";
  private static final Pattern BUS_ARN =
      Pattern.compile("arn:aws[a-z-]*:events:([a-z0-9-]+):(\\d{12}):event-bus/(.+)");

  private final Clock clock;
  private final Map<String, Map<String, EventBus>> busesByAccountRegion = new ConcurrentHashMap<>();

  public EventBusStore(Clock clock) {
    this.clock = clock;
  }

  /** The clock bus creation times are read from. */
  Clock clock() {
    return clock;
  }

  /** Where a bus name or ARN points, once checked against the caller's account. */
  public record BusReference(String name, String accountId, String region) {}

  /**
   * Resolves a bus name or ARN ({@code null} means the default bus) in the caller's account and
   * region.
   *
   * @throws AwsServiceException {@code AccessDeniedException} for another account's bus
   */
  public BusReference reference(String nameOrArn, RequestContext context) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      return new BusReference(DEFAULT_BUS, context.accountId(), context.region());
    }
    Matcher arn = BUS_ARN.matcher(nameOrArn);
    if (!arn.matches()) {
      return new BusReference(nameOrArn, context.accountId(), context.region());
    }
    if (!arn.group(2).equals(context.accountId())) {
      throw AwsServiceException.clientError(
          "AccessDeniedException",
          "User: arn:aws:iam::"
              + context.accountId()
              + ":root is not authorized to perform: events:PutEvents on resource: "
              + nameOrArn
              + " because no resource-based policy allows the events:PutEvents action");
    }
    return new BusReference(arn.group(3), arn.group(2), arn.group(1));
  }

  /** The bus, or {@code null}; the default bus always exists. */
  public EventBus find(BusReference ref) {
    Map<String, EventBus> buses = buses(ref.accountId(), ref.region());
    if (DEFAULT_BUS.equals(ref.name())) {
      return buses.computeIfAbsent(DEFAULT_BUS, name -> newBus(ref, name));
    }
    return buses.get(ref.name());
  }

  /** The bus, or {@code ResourceNotFoundException} naming it. */
  public EventBus require(BusReference ref) {
    EventBus bus = find(ref);
    if (bus == null) {
      throw AwsServiceException.clientError(
          "ResourceNotFoundException", "Event bus " + ref.name() + " does not exist.");
    }
    return bus;
  }

  /** Creates a custom bus, or {@code ResourceAlreadyExistsException}. */
  public EventBus create(BusReference ref) {
    find(new BusReference(DEFAULT_BUS, ref.accountId(), ref.region()));
    EventBus created = newBus(ref, ref.name());
    EventBus existing = buses(ref.accountId(), ref.region()).putIfAbsent(ref.name(), created);
    if (existing != null) {
      throw AwsServiceException.clientError(
          "ResourceAlreadyExistsException", "Event bus " + ref.name() + " already exists.");
    }
    return created;
  }

  /** Deletes a custom bus and its rules; deleting one that does not exist succeeds, as in AWS. */
  public void delete(BusReference ref) {
    if (DEFAULT_BUS.equals(ref.name())) {
      throw AwsServiceException.validation("Cannot delete event bus default.");
    }
    buses(ref.accountId(), ref.region()).remove(ref.name());
  }

  /** The caller's buses in its region, by name. */
  public List<EventBus> list(RequestContext context) {
    find(new BusReference(DEFAULT_BUS, context.accountId(), context.region()));
    List<EventBus> all = new ArrayList<>(buses(context.accountId(), context.region()).values());
    all.sort(Comparator.comparing(EventBus::name));
    return all;
  }

  private Map<String, EventBus> buses(String accountId, String region) {
    return busesByAccountRegion.computeIfAbsent(
        accountId + "/" + region, key -> new ConcurrentHashMap<>());
  }

  private EventBus newBus(BusReference ref, String name) {
    String arn = "arn:aws:events:" + ref.region() + ":" + ref.accountId() + ":event-bus/" + name;
    return new EventBus(name, arn, clock.instant());
  }
}

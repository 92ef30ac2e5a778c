package dev.errorbridge.localaws.events;

import dev.errorbridge.localaws.events.EventBusStore.BusReference;
import dev.errorbridge.localaws.events.PartnerEventSource.State;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every region's partner event sources and their lifecycle between the partner's account and the
 * customer's. Names are unique per region across all accounts, as AWS requires ("The event_name
 * must be unique across all AWS customers", API_CreatePartnerEventSource). State changes are
 * serialised on this store; readers see immutable {@link PartnerEventSource}s.
 */
public final class PartnerEventSources {
  /**
   * "When you deactivate a partner event source, the source goes into PENDING state. If it remains
   * in PENDING state for more than two weeks, it is deleted."
   * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeactivateEventSource.html)
   */
  public static final Duration DEACTIVATED_SOURCE_LIFETIME = Duration.ofDays(14);

  private final Clock clock;
  private final EventBusStore buses;
  private final Map<String, PartnerEventSource> byRegionAndName = new ConcurrentHashMap<>();

  public PartnerEventSources(Clock clock, EventBusStore buses) {
    this.clock = clock;
    this.buses = buses;
  }

  // ----- partner side

  /**
   * Creates a source offered to {@code customerAccountId}. A name the partner deleted may be used
   * again; if the customer kept its bus, the new source stays PENDING until the customer activates
   * it ("If the event source is later recreated and reassociated, these rules become active again",
   * Partner Onboarding FAQ).
   */
  public synchronized PartnerEventSource create(
      String name, String customerAccountId, RequestContext context) {
    String key = key(context.region(), name);
    PartnerEventSource existing = current(key);
    if (existing != null && existing.state() != State.DELETED) {
      throw AwsServiceException.clientError(
          "ResourceAlreadyExistsException", "Event source " + name + " already exists.");
    }
    PartnerEventSource created =
        new PartnerEventSource(
            name,
            context.region(),
            context.accountId(),
            customerAccountId,
            clock.instant(),
            State.PENDING,
            null);
    byRegionAndName.put(key, created);
    return created;
  }

  /** The caller's own live source, else {@code ResourceNotFoundException}. */
  public PartnerEventSource requireOwned(String name, RequestContext context) {
    PartnerEventSource source = current(key(context.region(), name));
    if (source == null
        || source.state() == State.DELETED
        || !source.partnerAccountId().equals(context.accountId())) {
      throw notFound(name);
    }
    return source;
  }

  /**
   * The caller's live source named {@code name} that PutPartnerEvents may publish with, or {@code
   * null}.
   */
  public PartnerEventSource publishable(String name, RequestContext context) {
    PartnerEventSource source = current(key(context.region(), name));
    if (source == null
        || source.state() == State.DELETED
        || !source.partnerAccountId().equals(context.accountId())) {
      return null;
    }
    return source;
  }

  /** The caller's live sources whose names start with {@code prefix}, by name. */
  public List<PartnerEventSource> listOwned(String prefix, RequestContext context) {
    return list(
        context,
        s ->
            s.state() != State.DELETED
                && s.partnerAccountId().equals(context.accountId())
                && s.name().startsWith(prefix));
  }

  /**
   * Deletes the caller's source; deleting one that does not exist succeeds (the API documents no
   * not-found error for it). "When you delete an event source, the status of the corresponding
   * partner event bus in the AWS customer account becomes DELETED."
   * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeletePartnerEventSource.html)
   */
  public synchronized void delete(String name, String customerAccountId, RequestContext context) {
    String key = key(context.region(), name);
    PartnerEventSource source = current(key);
    if (source == null
        || source.state() == State.DELETED
        || !source.partnerAccountId().equals(context.accountId())
        || !source.customerAccountId().equals(customerAccountId)) {
      return;
    }
    if (busOf(source) == null) {
      byRegionAndName.remove(key);
    } else {
      byRegionAndName.put(key, source.withState(State.DELETED, null));
    }
  }

  // ----- customer side

  /** A source offered to the caller's account, else {@code ResourceNotFoundException}. */
  public PartnerEventSource requireOffered(String name, RequestContext context) {
    PartnerEventSource source = current(key(context.region(), name));
    if (source == null || !source.customerAccountId().equals(context.accountId())) {
      throw notFound(name);
    }
    return source;
  }

  /** The sources offered to the caller's account whose names start with {@code prefix}. */
  public List<PartnerEventSource> listOffered(String prefix, RequestContext context) {
    return list(
        context,
        s ->
            s.customerAccountId().equals(context.accountId())
                && (prefix == null || s.name().startsWith(prefix)));
  }

  /**
   * Creates the customer's partner event bus for a PENDING source offered to it and activates the
   * source.
   */
  public synchronized EventBus createPartnerBus(String name, RequestContext context) {
    PartnerEventSource source = requireOffered(name, context);
    if (source.state() == State.DELETED) {
      throw notFound(name);
    }
    EventBus bus = buses.create(busReference(source));
    byRegionAndName.put(key(source.region(), name), source.withState(State.ACTIVE, null));
    return bus;
  }

  /** ActivateEventSource: a PENDING source whose bus exists becomes ACTIVE. */
  public synchronized void activate(String name, RequestContext context) {
    PartnerEventSource source = requireOffered(name, context);
    if (busOf(source) == null) {
      throw AwsServiceException.clientError(
          "ResourceNotFoundException",
          "Event source " + name + " or event bus " + name + " does not exist.");
    }
    if (source.state() != State.PENDING) {
      throw invalidState(source);
    }
    byRegionAndName.put(key(source.region(), name), source.withState(State.ACTIVE, null));
  }

  /**
   * DeactivateEventSource: an ACTIVE source goes back to PENDING and is deleted {@link
   * #DEACTIVATED_SOURCE_LIFETIME} later unless activated again.
   */
  public synchronized void deactivate(String name, RequestContext context) {
    PartnerEventSource source = requireOffered(name, context);
    if (source.state() != State.ACTIVE) {
      throw invalidState(source);
    }
    byRegionAndName.put(
        key(source.region(), name),
        source.withState(State.PENDING, clock.instant().plus(DEACTIVATED_SOURCE_LIFETIME)));
  }

  /**
   * The customer deleted the bus named after a source: "If the AWS customer deletes an event bus
   * associated with a partner event source, the event source will return to a Pending state."
   * (Partner Onboarding FAQ). A deleted source's last trace goes with its bus.
   */
  public synchronized void busDeleted(BusReference bus) {
    String key = key(bus.region(), bus.name());
    PartnerEventSource source = current(key);
    if (source == null || !source.customerAccountId().equals(bus.accountId())) {
      return;
    }
    if (source.state() == State.DELETED) {
      byRegionAndName.remove(key);
    } else {
      byRegionAndName.put(key, source.withState(State.PENDING, null));
    }
  }

  /** The customer's bus matching the source, or {@code null}. */
  EventBus busOf(PartnerEventSource source) {
    return buses.find(busReference(source));
  }

  private static BusReference busReference(PartnerEventSource source) {
    return new BusReference(source.name(), source.customerAccountId(), source.region());
  }

  /** The source, with a deactivated source past its two weeks turned DELETED. */
  private PartnerEventSource current(String key) {
    PartnerEventSource source = byRegionAndName.get(key);
    if (source != null
        && source.expiresAt() != null
        && source.state() == State.PENDING
        && !clock.instant().isBefore(source.expiresAt())) {
      synchronized (this) {
        PartnerEventSource again = byRegionAndName.get(key);
        if (again == source) {
          source = source.withState(State.DELETED, null);
          byRegionAndName.put(key, source);
        } else {
          source = again;
        }
      }
    }
    return source;
  }

  private List<PartnerEventSource> list(
      RequestContext context, Predicate<PartnerEventSource> filter) {
    List<PartnerEventSource> found = new ArrayList<>();
    String prefix = context.region() + "/";
    for (String key : byRegionAndName.keySet()) {
      if (key.startsWith(prefix)) {
        PartnerEventSource source = current(key);
        if (source != null && filter.test(source)) {
          found.add(source);
        }
      }
    }
    found.sort(Comparator.comparing(PartnerEventSource::name));
    return found;
  }

  private static String key(String region, String name) {
    return region + "/" + name;
  }

  private static AwsServiceException notFound(String name) {
    return AwsServiceException.clientError(
        "ResourceNotFoundException", "Event source " + name + " does not exist.");
  }

  private static AwsServiceException invalidState(PartnerEventSource source) {
    return AwsServiceException.clientError(
        "InvalidStateException", "Event source " + source.name() + " is " + source.state() + ".");
  }
}

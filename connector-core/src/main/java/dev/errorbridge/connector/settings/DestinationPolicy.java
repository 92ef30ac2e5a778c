package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.partner.PartnerMode;
import java.util.Optional;
import java.util.Set;

/**
 * What this deployment's own IAM permissions let a connection's destination be, so that the
 * settings API refuses a connection at once, with the fix, instead of letting it fail with {@code
 * AccessDenied} at its first publish. The infra stack grants {@code sts:AssumeRole} only on roles
 * whose name starts with its {@code customerRoleNamePrefix}, and {@code events:PutEvents} with the
 * functions' own role (AMBIENT connections) only when AMBIENT mode is on, on its {@code
 * ambientEventBuses}; the functions get the same values as environment variables.
 *
 * @param customerRoleNamePrefix what an ASSUME_ROLE connection's role name (with its path) must
 *     start with; empty for any role
 * @param ambientAllowed whether AMBIENT connections are allowed at all
 * @param ambientEventBuses the bus names AMBIENT connections may publish to; empty or {@code *} for
 *     any
 * @param partner whether PARTNER_EVENT_SOURCE connections are allowed, and their sources' prefix
 *     (the infra stack grants the partner actions only when it is on)
 */
public record DestinationPolicy(
    String customerRoleNamePrefix,
    boolean ambientAllowed,
    Set<String> ambientEventBuses,
    PartnerMode partner) {

  public DestinationPolicy {
    customerRoleNamePrefix = customerRoleNamePrefix == null ? "" : customerRoleNamePrefix;
    ambientEventBuses = ambientEventBuses == null ? Set.of() : Set.copyOf(ambientEventBuses);
    partner = partner == null ? PartnerMode.off() : partner;
  }

  /** Without partner mode. */
  public DestinationPolicy(
      String customerRoleNamePrefix, boolean ambientAllowed, Set<String> ambientEventBuses) {
    this(customerRoleNamePrefix, ambientAllowed, ambientEventBuses, PartnerMode.off());
  }

  /** The same policy with partner mode {@code value}. */
  public DestinationPolicy withPartner(PartnerMode value) {
    return new DestinationPolicy(customerRoleNamePrefix, ambientAllowed, ambientEventBuses, value);
  }

  /** What is wrong with a PARTNER_EVENT_SOURCE connection here, or empty when allowed. */
  Optional<FieldProblem> checkPartner() {
    if (partner.enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        new FieldProblem(
            "destination.auth.mode",
            "PARTNER_EVENT_SOURCE is off in this deployment (the operator turns it on with "
                + PartnerMode.PREFIX_VARIABLE
                + " once AWS has registered it as an EventBridge partner); use ASSUME_ROLE or"
                + " ACCESS_KEYS"));
  }

  /**
   * Any role, AMBIENT on any bus: the standalone server, whose own credentials are the operator's.
   */
  public static DestinationPolicy unrestricted() {
    return new DestinationPolicy("", true, Set.of());
  }

  /** What is wrong with this role ARN here, or empty when it may be used. */
  Optional<FieldProblem> checkRole(String roleArn) {
    String name = after(roleArn, ":role/");
    if (name.startsWith(customerRoleNamePrefix)) {
      return Optional.empty();
    }
    return Optional.of(
        new FieldProblem(
            "destination.auth.roleArn",
            "names role "
                + name
                + ", but this deployment may only assume roles whose name starts with '"
                + customerRoleNamePrefix
                + "' (e.g. role/"
                + customerRoleNamePrefix
                + "publisher); create the role under such a name, or ask the operator to change"
                + " customerRoleNamePrefix"));
  }

  /** What is wrong with an AMBIENT destination on {@code eventBus} here, or empty when allowed. */
  Optional<FieldProblem> checkAmbient(String eventBus) {
    if (!ambientAllowed) {
      return Optional.of(
          new FieldProblem(
              "destination.auth.mode",
              "AMBIENT is off in this deployment; use ASSUME_ROLE (a role in your account that"
                  + " trusts Errorbridge) or ACCESS_KEYS"));
    }
    if (eventBus == null || ambientEventBuses.isEmpty() || ambientEventBuses.contains("*")) {
      return Optional.empty();
    }
    String name = after(eventBus, ":event-bus/");
    if (ambientEventBuses.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(
        new FieldProblem(
            "destination.eventBus",
            "AMBIENT connections may only publish to "
                + String.join(", ", ambientEventBuses.stream().sorted().toList())
                + " in this deployment; choose one of them, or use ASSUME_ROLE for bus "
                + name));
  }

  /** What follows {@code marker} in an ARN ({@code text} itself when it is a plain name). */
  private static String after(String text, String marker) {
    int at = text.indexOf(marker);
    return at < 0 ? text : text.substring(at + marker.length());
  }
}

package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.secrets.SecretValue;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * The destination part of {@link ConnectionValidator}: region, event bus (name, partner name or ARN
 * in the same region; none in PARTNER_EVENT_SOURCE mode, whose bus is named after the source
 * Errorbridge creates), the auth mode's fields, and what this deployment's {@link
 * DestinationPolicy} allows (role names, AMBIENT and its buses, partner mode).
 */
final class DestinationRules {
  static final Pattern BUS_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,256}");
  static final Pattern PARTNER_BUS_NAME = Pattern.compile("aws\\.partner/[/.\\-_A-Za-z0-9]{1,244}");
  static final Pattern BUS_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:events:([a-z0-9-]+):(\\d{12}):event-bus/([/.\\-_A-Za-z0-9]{1,256})");
  static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
  static final Pattern SECRET_ACCESS_KEY = Pattern.compile("[A-Za-z0-9/+=]{40}");
  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

  // Every partition's real regions: the SDK's list without its pseudo-regions (aws-global,
  // aws-cn-global, aws-us-gov-global, aws-iso-global, ...), which name a partition's global
  // endpoint for services such as IAM, not a region with event buses.
  private static final Set<String> REGIONS =
      Region.regions().stream()
          .filter(region -> !region.isGlobalRegion())
          .map(Region::id)
          .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> PSEUDO_REGIONS =
      Region.regions().stream()
          .filter(Region::isGlobalRegion)
          .map(Region::id)
          .collect(Collectors.toUnmodifiableSet());

  private final DestinationPolicy policy;

  DestinationRules(DestinationPolicy policy) {
    this.policy = policy;
  }

  /** Adds the problems of {@code destination} (absent fields take {@code existing}'s values). */
  void check(
      ConnectionRequest.Destination destination, Connection existing, List<FieldProblem> problems) {
    if (destination == null) {
      if (existing == null) {
        problems.add(new FieldProblem("destination", "is required: region, eventBus and auth"));
      }
      return;
    }
    String region =
        destination.region() != null
            ? destination.region()
            : existing == null ? null : existing.destination().region();
    if (destination.region() != null && PSEUDO_REGIONS.contains(destination.region())) {
      problems.add(
          new FieldProblem(
              "destination.region",
              destination.region()
                  + " is a pseudo-region (a partition's global endpoint), not a region event buses"
                  + " live in; use the bus's region, e.g. us-east-1"));
    } else if (destination.region() != null && !REGIONS.contains(destination.region())) {
      problems.add(
          new FieldProblem(
              "destination.region",
              "is not an AWS region ("
                  + shown(destination.region())
                  + "); use a region id such as us-east-1"));
    } else if (region == null) {
      problems.add(new FieldProblem("destination.region", "is required, e.g. us-east-1"));
    }
    DestinationAuth.AuthMode mode =
        destination.auth() != null
            ? ConnectionValidator.authMode(destination.auth().mode())
            : existing == null ? null : existing.destination().auth().mode();
    boolean wasPartner =
        existing != null
            && existing.destination().auth() instanceof DestinationAuth.PartnerEventSource;
    String bus =
        destination.eventBus() != null
            ? destination.eventBus()
            : existing == null || wasPartner ? null : existing.destination().eventBus();
    if (mode == DestinationAuth.AuthMode.PARTNER_EVENT_SOURCE) {
      if (destination.eventBus() != null) {
        problems.add(
            new FieldProblem(
                "destination.eventBus",
                "is chosen by Errorbridge in PARTNER_EVENT_SOURCE mode (your partner event bus"
                    + " takes the partner event source's name); remove it"));
      }
    } else if (bus == null) {
      problems.add(
          new FieldProblem(
              "destination.eventBus", "is required: the bus name (e.g. default) or its ARN"));
    } else {
      eventBus(bus, region, problems);
    }
    if (destination.auth() != null) {
      auth(destination.auth(), problems);
    } else if (existing == null) {
      problems.add(
          new FieldProblem(
              "destination.auth",
              "is required: mode ACCESS_KEYS, ASSUME_ROLE, AMBIENT or PARTNER_EVENT_SOURCE"));
    }
    allowedHere(destination.auth(), existing, bus, problems);
  }

  /** A client's value for a problem message, cut short if long. */
  private static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  /** The deployment's limits on roles and AMBIENT buses, for the destination as it will be. */
  private void allowedHere(
      ConnectionRequest.Auth auth, Connection existing, String bus, List<FieldProblem> problems) {
    DestinationAuth.AuthMode mode =
        auth != null
            ? ConnectionValidator.authMode(auth.mode())
            : existing == null ? null : existing.destination().auth().mode();
    if (mode == DestinationAuth.AuthMode.ASSUME_ROLE
        && auth != null
        && auth.roleArn() != null
        && ROLE_ARN.matcher(auth.roleArn()).matches()) {
      policy.checkRole(auth.roleArn()).ifPresent(problems::add);
    } else if (mode == DestinationAuth.AuthMode.AMBIENT) {
      policy.checkAmbient(bus).ifPresent(problems::add);
    } else if (mode == DestinationAuth.AuthMode.PARTNER_EVENT_SOURCE) {
      policy.checkPartner().ifPresent(problems::add);
    }
  }

  private static void eventBus(String bus, String region, List<FieldProblem> problems) {
    Matcher arn = BUS_ARN.matcher(bus);
    if (arn.matches()) {
      if (region != null && !arn.group(1).equals(region)) {
        problems.add(
            new FieldProblem(
                "destination.eventBus",
                "is in region "
                    + arn.group(1)
                    + " but destination.region is "
                    + region
                    + "; make them agree"));
      }
    } else if (bus.startsWith("arn:")) {
      problems.add(
          new FieldProblem(
              "destination.eventBus",
              "is not an event bus ARN; use arn:aws:events:<region>:<account>:event-bus/<name>"));
    } else if (!BUS_NAME.matcher(bus).matches() && !PARTNER_BUS_NAME.matcher(bus).matches()) {
      problems.add(
          new FieldProblem(
              "destination.eventBus",
              "must be 1 to 256 of letters, digits and . - _ (no / except in aws.partner/ names),"
                  + " or a bus ARN"));
    }
  }

  private static void auth(ConnectionRequest.Auth auth, List<FieldProblem> problems) {
    DestinationAuth.AuthMode mode = ConnectionValidator.authMode(auth.mode());
    if (mode == null) {
      problems.add(
          new FieldProblem(
              "destination.auth.mode",
              "must be ACCESS_KEYS, ASSUME_ROLE, AMBIENT or PARTNER_EVENT_SOURCE"));
      return;
    }
    if (auth.accountId() != null && mode != DestinationAuth.AuthMode.PARTNER_EVENT_SOURCE) {
      problems.add(
          new FieldProblem(
              "destination.auth.accountId", "is only used with PARTNER_EVENT_SOURCE; remove it"));
    }
    boolean keysGiven =
        auth.accessKeyId() != null || auth.secretAccessKey() != null || auth.sessionToken() != null;
    switch (mode) {
      case ACCESS_KEYS -> {
        if (auth.accessKeyId() == null || !ACCESS_KEY_ID.matcher(auth.accessKeyId()).matches()) {
          problems.add(
              new FieldProblem(
                  "destination.auth.accessKeyId",
                  "must be 20 characters starting with AKIA (or ASIA with a sessionToken), as IAM"
                      + " shows it"));
        }
        SecretValue secret = auth.secretAccessKey();
        if (secret == null || !SECRET_ACCESS_KEY.matcher(secret.reveal()).matches()) {
          problems.add(
              new FieldProblem(
                  "destination.auth.secretAccessKey",
                  "must be the 40-character secret IAM showed when the key was created"));
        }
        if (auth.accessKeyId() != null
            && auth.accessKeyId().startsWith("ASIA")
            && auth.sessionToken() == null) {
          problems.add(
              new FieldProblem(
                  "destination.auth.sessionToken",
                  "is required with temporary (ASIA…) keys; prefer ASSUME_ROLE, as temporary"
                      + " keys expire"));
        }
        if (auth.roleArn() != null) {
          problems.add(
              new FieldProblem("destination.auth.roleArn", "is only used with ASSUME_ROLE"));
        }
      }
      case ASSUME_ROLE -> {
        if (auth.roleArn() == null || !ROLE_ARN.matcher(auth.roleArn()).matches()) {
          problems.add(
              new FieldProblem(
                  "destination.auth.roleArn",
                  "must be a role ARN such as arn:aws:iam::123456789012:role/errorbridge-publisher"));
        }
        if (keysGiven) {
          problems.add(
              new FieldProblem(
                  "destination.auth", "ASSUME_ROLE takes only roleArn; remove the access keys"));
        }
      }
      case AMBIENT -> {
        if (keysGiven || auth.roleArn() != null) {
          problems.add(
              new FieldProblem(
                  "destination.auth",
                  "AMBIENT uses the runtime's own role; remove keys and roleArn"));
        }
      }
      case PARTNER_EVENT_SOURCE -> {
        if (auth.accountId() == null || !ACCOUNT_ID.matcher(auth.accountId()).matches()) {
          problems.add(
              new FieldProblem(
                  "destination.auth.accountId",
                  "must be the 12 digits of the AWS account that receives the events, e.g."
                      + " 123456789012 (the console's account menu, or aws sts"
                      + " get-caller-identity, shows it)"));
        }
        if (keysGiven || auth.roleArn() != null) {
          problems.add(
              new FieldProblem(
                  "destination.auth",
                  "PARTNER_EVENT_SOURCE needs no credentials from you; remove keys and roleArn"));
        }
      }
    }
  }
}

package dev.errorbridge.samples;

import java.util.List;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.CfnRule.TargetProperty;
import software.amazon.awscdk.services.events.IEventBus;
import software.constructs.Construct;

/**
 * Builds the alert rules. Rules are {@code AWS::Events::Rule} resources written out in full (the L1
 * construct) rather than through the {@code Rule}/{@code IRuleTarget} layer, for three reasons: the
 * event pattern is the JSON file as it is (prefix and anything-but matchers included), each
 * target's transformer, retry policy and dead-letter queue are visible where they are declared, and
 * the resource policies that let EventBridge deliver are this sample's own, scoped to these rules,
 * instead of ones the target classes add.
 */
public final class AlertRules {
  /** The rule is on. */
  public static final String ENABLED = "ENABLED";

  private AlertRules() {}

  /**
   * A rule on {@code bus} matching {@code patterns/<pattern>.json}.
   *
   * @param scope where the rule goes
   * @param id its construct id
   * @param bus the Errorbridge bus
   * @param pattern the pattern's file name, without {@code .json} (see {@link EventPatterns})
   * @param state {@code ENABLED}, {@code DISABLED}, or a parameter-dependent choice of the two
   * @param description what the rule is for
   * @param targets where matching events go
   */
  public static CfnRule create(
      Construct scope,
      String id,
      IEventBus bus,
      String pattern,
      String state,
      String description,
      List<TargetProperty> targets) {
    return CfnRule.Builder.create(scope, id)
        .eventBusName(bus.getEventBusName())
        .eventPattern(EventPatterns.load(pattern))
        .state(state)
        .description(description)
        .targets(targets)
        .build();
  }
}

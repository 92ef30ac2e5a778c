package dev.errorbridge.connector.mapping;

/**
 * What {@link DetailWriter} leaves out or shortens to fit the size budget; {@link #NONE} for the
 * full detail. The steps build on each other in {@link EventShrinker}'s order.
 *
 * @param dropRaw leave out {@code raw}
 * @param dropStepIo leave out every step's {@code input} and {@code output}
 * @param textCapBytes the most UTF-8 bytes a long text (run error message, step error message, step
 *     error detail) may keep, marker included; {@link Long#MAX_VALUE} for no cap
 * @param maxSteps how many failed steps to keep, from the first
 */
record ShrinkPlan(boolean dropRaw, boolean dropStepIo, long textCapBytes, int maxSteps) {
  static final ShrinkPlan NONE = new ShrinkPlan(false, false, Long.MAX_VALUE, Integer.MAX_VALUE);

  boolean capsTexts() {
    return textCapBytes != Long.MAX_VALUE;
  }

  ShrinkPlan withDropRaw() {
    return new ShrinkPlan(true, dropStepIo, textCapBytes, maxSteps);
  }

  ShrinkPlan withDropStepIo() {
    return new ShrinkPlan(dropRaw, true, textCapBytes, maxSteps);
  }

  ShrinkPlan withTextCap(long capBytes) {
    return new ShrinkPlan(dropRaw, dropStepIo, capBytes, maxSteps);
  }

  ShrinkPlan withMaxSteps(int steps) {
    return new ShrinkPlan(dropRaw, dropStepIo, textCapBytes, steps);
  }
}

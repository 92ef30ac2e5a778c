package dev.errorbridge.connector.mapping;

import dev.errorbridge.connector.mapping.DetailWriter.Detail;

/**
 * Fits a detail that is over the size budget, giving up the least useful parts first and
 * re-measuring after each step:
 *
 * <ol type="a">
 *   <li>drop {@code raw}, the platform's own payload;
 *   <li>drop every step's {@code input} and {@code output};
 *   <li>cut the long texts (run error message, step error messages, step error details, the last
 *       turned into strings of their JSON) to a per-field cap that starts at half the longest and
 *       halves until the event fits or the cap reaches {@value #MIN_TEXT_CAP_BYTES} bytes;
 *   <li>keep only the first N failed steps, N starting at half of them and halving down to none,
 *       texts still capped.
 * </ol>
 *
 * Each step keeps the ones before it. What was given up is recorded in the detail's {@code
 * truncation}. When even (d) with no steps left does not fit, the fixed part alone is too large and
 * {@link EventTooLargeException} says so.
 */
final class EventShrinker {
  /**
   * Texts are never cut below this many UTF-8 bytes (marker included): about 50 characters of an
   * error still tell a reader what failed.
   */
  static final long MIN_TEXT_CAP_BYTES = 64;

  private EventShrinker() {}

  /**
   * A detail from {@code writer} that, with {@code fixedBytes} (Time, Source, DetailType,
   * Resources), takes at most {@code limit} bytes.
   *
   * @param full the unshrunk detail, already known to be too large
   * @throws EventTooLargeException when nothing more can be given up
   */
  static Detail fit(
      DetailWriter writer, Detail full, long fixedBytes, long limit, String eventId, int steps) {
    long original = fixedBytes + full.utf8Bytes();
    long room = limit - fixedBytes;
    ShrinkPlan plan = ShrinkPlan.NONE;
    Detail detail = full;

    if (writer.hasRaw()) {
      plan = plan.withDropRaw();
      detail = writer.write(plan, original);
      if (detail.utf8Bytes() <= room) {
        return detail;
      }
    }

    if (writer.hasStepIo()) {
      plan = plan.withDropStepIo();
      detail = writer.write(plan, original);
      if (detail.utf8Bytes() <= room) {
        return detail;
      }
    }

    long longest = writer.longestText();
    if (longest > MIN_TEXT_CAP_BYTES) {
      long cap = longest;
      do {
        cap = Math.max(cap / 2, MIN_TEXT_CAP_BYTES);
        plan = plan.withTextCap(cap);
        detail = writer.write(plan, original);
        if (detail.utf8Bytes() <= room) {
          return detail;
        }
      } while (cap > MIN_TEXT_CAP_BYTES);
    }

    if (steps > 0) {
      int keep = steps;
      do {
        keep /= 2;
        plan = plan.withMaxSteps(keep);
        detail = writer.write(plan, original);
        if (detail.utf8Bytes() <= room) {
          return detail;
        }
      } while (keep > 0);
    }

    throw new EventTooLargeException(eventId, fixedBytes + detail.utf8Bytes(), limit);
  }
}

package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.source.SourceResponseTooLargeException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page size of one list endpoint of one connection, made smaller while a page is too large to
 * read (runs that each carry megabytes of error or input make a page of the configured size exceed
 * {@link SourceHttpClient#MAX_BODY_BYTES}), and grown back as pages read well. It is kept between
 * scans, so a window full of large runs costs one oversized answer, not one per cycle.
 *
 * <p>Sizes only shrink to a divisor of the size before (100, 50, 25, 5, 1) and only grow to a size
 * that divides the rows read so far, so that page-numbered endpoints ({@code page × limit}) never
 * skip or repeat a row when the size changes. Not thread-safe: one scan at a time, like its source.
 */
public final class PageSize {
  private static final Logger LOG = LoggerFactory.getLogger(PageSize.class);

  private int maximum;
  private final String connectionId;
  private final String endpoint;
  private int current;

  /**
   * @param configured the connection's page size, the largest used
   * @param connectionId for the log
   * @param endpoint for the log
   */
  public PageSize(int configured, String connectionId, String endpoint) {
    if (configured < 1) {
      throw new IllegalArgumentException("configured must be at least 1, was " + configured);
    }
    this.maximum = configured;
    this.connectionId = connectionId;
    this.endpoint = endpoint;
    this.current = configured;
  }

  /** The size the next page is asked for. */
  public int current() {
    return current;
  }

  /**
   * Reads one page with {@code page} (given the size to ask for), shrinking the size and asking
   * again while the answer is too large.
   *
   * @param rowsRead rows of this listing read so far (its offset), to grow the size back when that
   *     is a whole number of larger pages
   * @return the page, or {@code null} when even a page of one row is too large: the caller skips
   *     that row and reports it
   */
  public JsonFields read(int rowsRead, IntFunction<JsonFields> page) {
    grow(rowsRead);
    while (true) {
      try {
        return page.apply(current);
      } catch (SourceResponseTooLargeException e) {
        if (current == 1) {
          return null;
        }
        int before = current;
        current = smallerDivisor(current);
        LOG.warn(
            "source page too large connection={} endpoint=\"{}\": a page of {} rows is larger than"
                + " {} MiB; asking for pages of {}",
            connectionId,
            endpoint,
            before,
            e.limitBytes() >> 20,
            current);
      }
    }
  }

  /**
   * Lowers the largest size asked for to half of the current one, not below {@code floor}: the
   * platform refused the size itself (Alloy documents no maximum and answers 400).
   *
   * @return {@code false} when the size is at {@code floor} already
   */
  public boolean lowerMaximum(int floor) {
    if (current <= floor) {
      return false;
    }
    maximum = Math.max(floor, current / 2);
    current = maximum;
    return true;
  }

  /**
   * Doubles the size (up to the largest one) once a page of this listing read well at the current
   * one and {@code rowsRead} is a whole number of the larger pages. A listing starts at the size
   * the last one ended with: one full of large runs costs one oversized answer, not one per scan.
   */
  private void grow(int rowsRead) {
    int larger = Math.min(maximum, current * 2);
    if (rowsRead > 0 && larger > current && rowsRead % larger == 0) {
      current = larger;
    }
  }

  /**
   * The largest divisor of {@code size} at most half of it: size over its smallest prime factor.
   */
  static int smallerDivisor(int size) {
    for (int factor = 2; factor * factor <= size; factor++) {
      if (size % factor == 0) {
        return size / factor;
      }
    }
    return 1;
  }
}

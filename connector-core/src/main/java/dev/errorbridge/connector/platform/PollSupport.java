package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnection;
import java.util.Set;

/**
 * How a platform's API is polled: the platform's own keys of the settings API's {@code
 * source.options} map, how they are read and checked, and the {@link FailureSource} that scans the
 * API.
 */
public interface PollSupport {

  /**
   * The platform's own option keys, besides the ones every polled platform takes ({@link
   * SourceOptionsMap#COMMON_KEYS}).
   */
  Set<String> optionKeys();

  /**
   * Reads the platform's options from {@code values}, adding every problem to it ({@link
   * OptionValues#problem}) rather than stopping at the first; the result may be {@code null} when
   * there were problems.
   */
  PlatformOptions readOptions(OptionValues values);

  /**
   * The options a connection has when none are given, or {@code null} when the platform needs some
   * (Dify: the app).
   */
  PlatformOptions defaultOptions();

  /** The source scanning {@code connection}, sending through {@code context}'s client. */
  FailureSource newSource(SourceConnection connection, SourceContext context);
}

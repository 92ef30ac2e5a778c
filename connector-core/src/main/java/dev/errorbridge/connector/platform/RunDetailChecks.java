package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.http.JsonFields;
import java.util.Locale;
import java.util.function.Function;

/**
 * The checks every poller makes on a platform's answer about one run before it becomes an event: it
 * must name the run asked for and must not contradict what the list said of it. An inconsistent
 * answer must not become another run's event, or a failure of a run that did not fail. The messages
 * quote the platform's value cut short, never a whole payload.
 */
public final class RunDetailChecks {
  private static final int QUOTED_CHARS = 64;

  private RunDetailChecks() {}

  /**
   * Checks that {@code field} of {@code detail} is {@code id}.
   *
   * @param noun what the platform calls a run, e.g. {@code run} or {@code execution}
   * @throws SourceResponseInvalidException when the field is missing or names another {@code noun}
   */
  public static void requireNamed(JsonFields detail, String field, String id, String noun) {
    String named = detail.requiredText(field);
    if (!named.equals(id)) {
      throw namesAnother(detail, field, named, noun);
    }
  }

  /** {@code field} of {@code detail} "names {@code noun} {@code named}, not the one asked for". */
  public static SourceResponseInvalidException namesAnother(
      JsonFields detail, String field, String named, String noun) {
    return detail.invalid(
        field, "names " + noun + " " + quoted(named) + ", not the " + noun + " asked for");
  }

  /**
   * Checks that the status {@code field} of {@code detail} ended with the outcome the list showed,
   * when it showed one.
   *
   * @param outcomeOf the platform's outcome of a status, {@code null} for none Errorbridge streams
   * @param listed the outcome the list showed, or {@code null} (a recheck) to check nothing
   * @param aRun the platform's run with its article, e.g. {@code a run} or {@code an execution}
   * @return the status
   * @throws SourceResponseInvalidException when the status is missing or ended otherwise
   */
  public static String requireListedOutcome(
      JsonFields detail,
      String field,
      Function<String, Outcome> outcomeOf,
      Outcome listed,
      String aRun) {
    String status = detail.requiredText(field);
    if (listed != null && outcomeOf.apply(status) != listed) {
      throw contradicts(
          detail,
          field,
          status,
          aRun + " the list shows as " + listed.name().toLowerCase(Locale.ROOT));
    }
    return status;
  }

  /**
   * {@code field} of {@code detail} reports {@code reported} where the list said otherwise.
   *
   * @param listing what the list said, e.g. {@code a run the list shows as failed}
   */
  public static SourceResponseInvalidException contradicts(
      JsonFields detail, String field, String reported, String listing) {
    return detail.invalid(field, "is " + quoted(reported) + " for " + listing);
  }

  /** {@code value} cut to 64 characters (and an ellipsis), to quote a platform's answer. */
  public static String quoted(String value) {
    return value.length() <= QUOTED_CHARS ? value : value.substring(0, QUOTED_CHARS) + "…";
  }
}

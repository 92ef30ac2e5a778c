package dev.errorbridge.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code errorbridge backfill --connection ID --since 24h}. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Read a polled connection's failures of the last period again and deliver those not"
          + " delivered yet (deduplicated, so nothing is published twice)."
    })
final class BackfillCommand implements java.util.concurrent.Callable<Integer> {
  @ParentCommand ErrorbridgeCli cli;

  @Option(names = "--connection", required = true, paramLabel = "ID")
  String connection;

  @Option(
      names = "--since",
      required = true,
      paramLabel = "PERIOD",
      description = "how far back: 90m, 24h, 7d, or an ISO-8601 duration (PT24H)")
  String since;

  @Override
  public Integer call() {
    Duration period = parse(since);
    return StreamedRun.run(
        cli,
        "POST",
        "connections/" + connection + "/backfill",
        ApiClient.JSON.createObjectNode().put("since", period.toString()),
        "Backfill");
  }

  static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return positive(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      Duration period =
          switch (value.charAt(value.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new NumberFormatException();
          };
      return positive(period, text);
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new CliException(
          ExitCodes.USAGE, "--since must look like 90m, 24h, 7d or PT24H, was " + text);
    }
  }

  private static Duration positive(Duration period, String text) {
    if (period.isNegative() || period.isZero()) {
      throw new CliException(ExitCodes.USAGE, "--since must be positive, was " + text);
    }
    return period;
  }
}

package dev.errorbridge.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code errorbridge dead-letters list|replay --connection ID}. */
@Command(
    name = "dead-letters",
    mixinStandardHelpOptions = true,
    description = "List a connection's dead letters, or send them to its bus again.")
final class DeadLettersCommand {
  @ParentCommand ErrorbridgeCli cli;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters.")
  int list(
      @Option(names = "--connection", required = true, paramLabel = "ID") String connection,
      @Option(names = "--limit", defaultValue = "100") int limit) {
    JsonNode body =
        cli.client()
            .send("GET", "connections/" + connection + "/dead-letters?limit=" + limit, null)
            .body();
    String format = "%-66s %-28s %-8s %s%n";
    cli.out.printf(format, "EVENT ID", "PARKED AT", "ATTEMPTS", "REASON");
    int count = 0;
    for (JsonNode letter : body.path("deadLetters")) {
      cli.out.printf(
          format,
          letter.path("eventId").asText(),
          letter.path("parkedAt").asText(),
          letter.path("attempts").asText(),
          letter.path("reason").asText()
              + (letter.path("errorCode").isTextual()
                  ? " " + letter.path("errorCode").asText()
                  : ""));
      count++;
    }
    cli.out.printf("%d dead letter(s)%n", count);
    return ExitCodes.OK;
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = "Publish dead letters again; delivered ones are removed.")
  int replay(
      @Option(names = "--connection", required = true, paramLabel = "ID") String connection,
      @Option(names = "--limit", defaultValue = "100") int limit,
      @Option(names = "--dry-run", description = "only say what would be replayed")
          boolean dryRun) {
    return StreamedRun.run(
        cli,
        "POST",
        "connections/" + connection + "/dead-letters/replay",
        ApiClient.JSON.createObjectNode().put("limit", limit).put("dryRun", dryRun),
        "Replay");
  }
}

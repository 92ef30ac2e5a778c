package dev.errorbridge.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Runs a server operation that answers in JSON lines ({@code progress} lines, then one {@code
 * summary} or {@code error}), drawing the progress bar and printing the summary.
 */
final class StreamedRun {
  private StreamedRun() {}

  /**
   * @return {@link ExitCodes#OK} when the summary says {@code "ok": true}, else {@link
   *     ExitCodes#FAILED}
   */
  static int run(ErrorbridgeCli cli, String method, String path, JsonNode body, String what) {
    ProgressBar bar = new ProgressBar(cli.err);
    JsonNode[] summary = new JsonNode[1];
    try {
      cli.client().stream(
          method,
          path,
          body,
          line -> {
            switch (line.path("type").asText()) {
              case "progress" ->
                  bar.update(
                      line.path("done").asLong(),
                      line.path("total").asLong(-1),
                      line.path("label").asText(""));
              case "summary", "error" -> summary[0] = line;
              default -> {}
            }
          });
    } finally {
      bar.finish();
    }
    if (summary[0] == null) {
      throw new CliException(
          ExitCodes.FAILED, what + " ended without a summary; check the server's log");
    }
    if (summary[0].path("type").asText().equals("error")) {
      throw new CliException(
          ExitCodes.FAILED,
          summary[0].path("error").asText("Failed") + ": " + summary[0].path("message").asText());
    }
    cli.out.println(what + " summary:");
    Iterator<Map.Entry<String, JsonNode>> fields = summary[0].fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("type")) {
        cli.out.printf(
            "  %-14s %s%n",
            field.getKey(),
            field.getValue().isValueNode()
                ? field.getValue().asText()
                : field.getValue().toString());
      }
    }
    return summary[0].path("ok").asBoolean(false) ? ExitCodes.OK : ExitCodes.FAILED;
  }
}

package dev.errorbridge.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code errorbridge connections create|list|show|enable|disable|test|delete}. */
@Command(
    name = "connections",
    mixinStandardHelpOptions = true,
    description = "Create, list, show, switch, test and delete connections.")
final class ConnectionsCommand {
  @ParentCommand ErrorbridgeCli cli;

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a connection from a JSON file (the settings API's ConnectionRequest) or from flags.",
        "Secrets are sent once, encrypted with KMS on receipt and never shown again; prefer --file"
            + " (flags are visible to other users of this machine in the process list)."
      })
  int create(
      @Option(names = "--file", description = "connection.json") Path file,
      @Option(names = "--name") String name,
      @Option(names = "--platform", description = "alloy, dify, trigify, runflow or webhook")
          String platform,
      @Option(names = "--base-url", description = "platform API base URL (polling)") String baseUrl,
      @Option(names = "--api-key", description = "platform API key (polling)") String apiKey,
      @Option(names = "--webhook-secret", description = "webhook signing secret (16+ chars)")
          String webhookSecret,
      @Option(names = "--region", defaultValue = "us-east-1", description = "bus region")
          String region,
      @Option(names = "--bus", description = "EventBridge bus name or ARN") String bus,
      @Option(
              names = "--auth",
              defaultValue = "ACCESS_KEYS",
              description = "ACCESS_KEYS, ASSUME_ROLE or AMBIENT")
          String auth,
      @Option(names = "--access-key-id") String accessKeyId,
      @Option(names = "--secret-access-key") String secretAccessKey,
      @Option(names = "--role-arn") String roleArn,
      @Option(names = "--enabled", description = "switch it on at once") boolean enabled) {
    JsonNode body;
    if (file != null) {
      body = readFile(file);
    } else {
      if (platform == null || bus == null) {
        throw new CliException(
            ExitCodes.USAGE, "give --file connection.json, or at least --platform and --bus");
      }
      ObjectNode request = ApiClient.JSON.createObjectNode();
      if (name != null) {
        request.put("name", name);
      }
      request.put("enabled", enabled);
      ObjectNode source = request.putObject("source").put("platform", platform);
      putIfSet(source, "baseUrl", baseUrl);
      putIfSet(source, "apiKey", apiKey);
      if (webhookSecret != null) {
        request.putObject("webhook").put("secret", webhookSecret);
      }
      ObjectNode destination = request.putObject("destination");
      destination.put("region", region).put("eventBus", bus);
      ObjectNode authNode = destination.putObject("auth").put("mode", auth);
      putIfSet(authNode, "accessKeyId", accessKeyId);
      putIfSet(authNode, "secretAccessKey", secretAccessKey);
      putIfSet(authNode, "roleArn", roleArn);
      body = request;
    }
    JsonNode created = cli.client().send("POST", "connections", body).body();
    PrintWriter out = cli.out;
    out.printf(
        "Created connection %s (%s), %s.%n",
        created.path("id").asText(),
        created.path("name").asText(""),
        created.path("enabled").asBoolean()
            ? "enabled"
            : "disabled: switch it on with"
                + " `errorbridge connections enable "
                + created.path("id").asText()
                + "`");
    // The server's own webhook.url when it knows where platforms reach it, else the path on the
    // address this command reached it at.
    JsonNode webhook = created.path("webhook");
    out.printf(
        "Webhook URL: %s%n",
        webhook.hasNonNull("url")
            ? webhook.get("url").asText()
            : cli.baseUrl() + webhook.path("path").asText());
    String externalId = created.path("destination").path("auth").path("externalId").asText("");
    if (!externalId.isEmpty()) {
      out.printf("External ID for the role's trust policy: %s%n", externalId);
    }
    return ExitCodes.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List connections.")
  int list() {
    PrintWriter out = cli.out;
    String format = "%-28s %-24s %-9s %-8s %-10s %s%n";
    String cursor = null;
    int count = 0;
    do {
      String path = "connections?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = cli.client().send("GET", path, null).body();
      if (cursor == null) {
        out.printf(format, "ID", "NAME", "PLATFORM", "ENABLED", "HEALTH", "BUS");
      }
      for (JsonNode c : page.path("connections")) {
        out.printf(
            format,
            c.path("id").asText(),
            abbreviate(c.path("name").asText(""), 24),
            c.path("source").path("platform").asText(),
            c.path("enabled").asBoolean() ? "yes" : "no",
            c.path("health").path("state").asText(),
            c.path("destination").path("eventBus").asText());
        count++;
      }
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    out.printf("%d connection(s)%n", count);
    return ExitCodes.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one connection.")
  int show(@Parameters(paramLabel = "ID") String id) {
    JsonNode connection = cli.client().send("GET", "connections/" + id, null).body();
    cli.out.println(connection.toPrettyString());
    return ExitCodes.OK;
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Switch it on.")
  int enable(@Parameters(paramLabel = "ID") String id) {
    return toggle(id, "enable");
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Switch it off.")
  int disable(@Parameters(paramLabel = "ID") String id) {
    return toggle(id, "disable");
  }

  private int toggle(String id, String action) {
    JsonNode connection =
        cli.client().send("POST", "connections/" + id + "/" + action, null).body();
    cli.out.printf(
        "Connection %s is %s (health %s).%n",
        id,
        connection.path("enabled").asBoolean() ? "enabled" : "disabled",
        connection.path("health").path("state").asText());
    return ExitCodes.OK;
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = "Resolve credentials, describe the bus and publish one test event.")
  int test(@Parameters(paramLabel = "ID") String id) {
    JsonNode report = cli.client().send("POST", "connections/" + id + "/test", null).body();
    for (JsonNode step : report.path("steps")) {
      cli.out.printf(
          "%-6s %s%s%n",
          step.path("status").asText(),
          step.path("name").asText(),
          step.path("detail").isTextual() ? ": " + step.path("detail").asText() : "");
      if (step.path("fix").isTextual()) {
        cli.out.printf("       fix: %s%n", step.path("fix").asText());
      }
    }
    boolean ok = report.path("ok").asBoolean();
    cli.out.println(ok ? "Connection test passed." : "Connection test FAILED.");
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete it with its secrets, checkpoint and dead letters.")
  int delete(@Parameters(paramLabel = "ID") String id) {
    cli.client().send("DELETE", "connections/" + id, null);
    cli.out.printf("Deleted connection %s.%n", id);
    return ExitCodes.OK;
  }

  private static JsonNode readFile(Path file) {
    try {
      return ApiClient.JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "cannot read " + file + " as JSON: " + e.getMessage());
    }
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}

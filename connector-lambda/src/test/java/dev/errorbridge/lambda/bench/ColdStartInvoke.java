package dev.errorbridge.lambda.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.errorbridge.lambda.SettingsApiHandler;
import dev.errorbridge.lambda.WebhookHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as Lambda runs it: in a fresh JVM, construct the handler with its no-arg
 * constructor (wiring from the environment), hand it the event's JSON bytes as the runtime does for
 * a stream handler, and print the time from process launch (the script passes its wall clock at
 * launch, epoch milliseconds) to the answer.
 *
 * <p>Usage: {@code ColdStartInvoke webhook|settings <event.json> <launchEpochMillis>}; prints
 * {@code COLD_START ms=<n> ok=<bool> jvm_ms=<n> init_ms=<n> invoke_ms=<n> response=<json>}. A
 * webhook run is ok only on 202 {@code "status":"accepted"}: the event was accepted by local-aws's
 * bus.
 */
public final class ColdStartInvoke {
  private ColdStartInvoke() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path eventFile = Path.of(args[1]);
    long launchedAt = Long.parseLong(args[2]);

    long initStart = System.currentTimeMillis();
    RequestStreamHandler handler =
        mode.equals("webhook") ? new WebhookHandler() : new SettingsApiHandler();
    long initEnd = System.currentTimeMillis();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input = Files.newInputStream(eventFile)) {
      handler.handleRequest(input, output, null);
    }
    long done = System.currentTimeMillis();
    String response = output.toString(StandardCharsets.UTF_8);
    boolean ok =
        mode.equals("webhook")
            ? response.contains("\"statusCode\":202") && response.contains("\\\"accepted\\\"")
            : response.contains("\"statusCode\":200");
    System.out.println(
        "COLD_START ms="
            + (done - launchedAt)
            + " ok="
            + ok
            + " jvm_ms="
            + (initStart - launchedAt)
            + " init_ms="
            + (initEnd - initStart)
            + " invoke_ms="
            + (done - initEnd)
            + " cpu_ms="
            + ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L)
            + " response="
            + response.substring(0, Math.min(200, response.length())));
    System.exit(ok ? 0 : 1);
  }
}

#!/usr/bin/env bash
# Webhook latency through the standalone transport: warm receipt-to-accepted time (p50, p99) of signed
# Runflow callbacks POSTed over loopback to connector-server's jar on embedded defaults (DynamoDB Local
# and local-aws in the server's JVM). Every request is a new failure, so each one is verified, deduplicated
# (DynamoDB Local), published (PutEvents to local-aws) and recorded before the 202 comes back.
# Starts the server in its own JVM, drives it sequentially from a second JVM, prints RESULT as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18480}"
AWS_PORT="${AWS_PORT:-18566}"
WARMUP="${WARMUP:-3000}"
REQUESTS="${REQUESTS:-5000}"

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests -pl local-aws,connector-core,connector-server -am package

WORK="$(mktemp -d)"
cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# WARN: the per-request access log and alert lines are not what is measured.
(cd "$WORK" && ERRORBRIDGE_PORT="$PORT" ERRORBRIDGE_EMBEDDED_AWS_PORT="$AWS_PORT" ERRORBRIDGE_LOG_LEVEL=WARN \
  exec java -Xmx1g ${SERVER_JAVA_OPTS:-} -jar "$OLDPWD/connector-server/target/errorbridge-server.jar" >"$WORK/server.log" 2>&1) &
SERVER=$!
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; echo "the server exited" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$WORK/server.log"; exit 1; }

cat >"$WORK/WebhookLatency.java" <<'JAVA'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sequential signed webhooks on one keep-alive HTTP connection; latency = send to 202 received. Spread
 * round-robin over 4 Errorbridge connections so that each stays under the intake's per-connection rate
 * limit (50/s), which would otherwise answer 429 quickly and flatter the figures.
 */
public class WebhookLatency {
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String token = Files.readString(Path.of(args[1])).trim();
    int warmup = Integer.parseInt(args[2]);
    int requests = Integer.parseInt(args[3]);
    String secret = "whsec-benchmark-0123456789abcdef";
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String connection = """
        {"name":"bench","enabled":true,"source":{"platform":"runflow"},"webhook":{"secret":"%s"},
         "destination":{"region":"us-east-1","eventBus":"errorbridge-demo","auth":{"mode":"ACCESS_KEYS",
         "accessKeyId":"AKIAERRORBRIDGEDEMO1","secretAccessKey":"ErrorbridgeDemoSecretKeyNotRealAWS000000"}}}
        """.formatted(secret);
    HttpResponse<String> created = http.send(
        HttpRequest.newBuilder(base.resolve("/connections"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(connection)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("create failed: " + created.body());
    }
    URI[] webhooks = new URI[4];
    for (int c = 0; c < webhooks.length; c++) {
      HttpResponse<String> made = c == 0 ? created : http.send(
          HttpRequest.newBuilder(base.resolve("/connections"))
              .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(connection)).build(),
          HttpResponse.BodyHandlers.ofString());
      String id = made.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
      webhooks[c] = base.resolve("/webhooks/" + id);
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    long[] latencies = new long[requests];
    int failures = 0;
    for (int i = 0; i < warmup + requests; i++) {
      byte[] body = ("{\"event\":\"run.failed\",\"run_id\":\"bench-" + i + "-" + System.nanoTime()
          + "\",\"status\":\"failed\",\"output\":{\"code\":\"NODE_FAILED\",\"message\":\"Node 'Upscale'"
          + " failed: worker out of memory\"},\"duration_ms\":88012,\"created_at\":\"2026-02-03T09:05:12+00:00\","
          + "\"completed_at\":\"2026-02-03T09:06:40+00:00\"}").getBytes(StandardCharsets.UTF_8);
      HttpRequest request = HttpRequest.newBuilder(webhooks[i % webhooks.length])
          .header("Content-Type", "application/json")
          .header("Runflow-Signature", HexFormat.of().formatHex(mac.doFinal(body)))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long elapsed = System.nanoTime() - start;
      if (response.statusCode() != 202 || !response.body().contains("\"accepted\"")) {
        failures++;
        if (failures <= 3) {
          System.err.println("unexpected answer " + response.statusCode() + " " + response.body());
        }
      }
      if (i >= warmup) {
        latencies[i - warmup] = elapsed;
      }
    }
    // The transport's own floor: a webhook for an id the intake refuses before any lookup (one
    // starting with '-', outside the id pattern) is read, routed and answered 404 without DynamoDB.
    URI floorUri = base.resolve("/webhooks/-floor");
    long[] floor = new long[1000];
    for (int i = 0; i < 2000; i++) {
      HttpRequest request = HttpRequest.newBuilder(floorUri).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"run.failed\"}")).build();
      long start = System.nanoTime();
      http.send(request, HttpResponse.BodyHandlers.ofString());
      if (i >= 1000) {
        floor[i - 1000] = System.nanoTime() - start;
      }
    }
    Arrays.sort(floor);
    System.out.printf("transport floor (404 before any lookup): p50_ms=%.2f p99_ms=%.2f%n",
        floor[499] / 1e6, floor[989] / 1e6);
    Arrays.sort(latencies);
    double p50 = latencies[(int) Math.ceil(0.50 * requests) - 1] / 1e6;
    double p90 = latencies[(int) Math.ceil(0.90 * requests) - 1] / 1e6;
    double p99 = latencies[(int) Math.ceil(0.99 * requests) - 1] / 1e6;
    double max = latencies[requests - 1] / 1e6;
    System.out.printf("requests=%d warmup=%d failures=%d p90_ms=%.2f max_ms=%.2f%n",
        requests, warmup, failures, p90, max);
    System.out.printf("RESULT p50_ms=%.2f p99_ms=%.2f%n", p50, p99);
  }
}
JAVA

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx256m "$WORK/WebhookLatency.java" "http://127.0.0.1:$PORT" "$WORK/data/operator-token" "$WARMUP" "$REQUESTS" \
  | tee "$WORK/result.txt" | grep -v '^RESULT'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$WORK/result.txt"

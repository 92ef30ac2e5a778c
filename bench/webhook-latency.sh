#!/usr/bin/env bash
# Webhook latency through the standalone transport, against its own floor in the same run: warm receipt-to-
# accepted time (p50, p99) of signed Runflow callbacks POSTed over loopback to connector-server's jar on
# embedded defaults (DynamoDB Local and local-aws in the server's JVM). Every request is a new failure, so each
# is verified, claimed in the outbox (DynamoDB Local) and published (PutEvents to local-aws) before the 202.
# Interleaved with each webhook, the three calls its answer waits on (connection read, claim transaction,
# PutEvents) are made directly on the same DynamoDB Local and local-aws; overhead_p99_ratio is the webhook p99
# over the sum of those calls' p99s (goal <= 1.5, issue 17).
# Starts the server in its own JVM, drives it sequentially from a second JVM, prints RESULT as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18480}"
AWS_PORT="${AWS_PORT:-18566}"
DYNAMODB_PORT="${DYNAMODB_PORT:-18567}"
WARMUP="${WARMUP:-3000}"
REQUESTS="${REQUESTS:-5000}"

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests -pl local-aws,connector-core,connector-server,benchmarks -am package

WORK="$(mktemp -d)"
cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# WARN: the per-request access log and alert lines are not what is measured.
(cd "$WORK" && ERRORBRIDGE_PORT="$PORT" ERRORBRIDGE_EMBEDDED_AWS_PORT="$AWS_PORT" \
  ERRORBRIDGE_EMBEDDED_DYNAMODB_PORT="$DYNAMODB_PORT" ERRORBRIDGE_LOG_LEVEL=WARN \
  exec java -Xmx1g ${SERVER_JAVA_OPTS:-} -jar "$OLDPWD/connector-server/target/errorbridge-server.jar" >"$WORK/server.log" 2>&1) &
SERVER=$!
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; echo "the server exited" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$WORK/server.log"; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" dev.errorbridge.bench.WebhookLatency \
  "http://127.0.0.1:$PORT" "$WORK/data/operator-token" "http://127.0.0.1:$DYNAMODB_PORT" \
  "http://127.0.0.1:$AWS_PORT" "$WARMUP" "$REQUESTS" | tee "$WORK/result.txt" | grep -v '^RESULT'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$WORK/result.txt"

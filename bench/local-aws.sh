#!/usr/bin/env bash
# local-aws throughput: PutEvents requests/s (10 entries each) over loopback, every SigV4 signature verified.
# Starts the standalone jar in its own JVM, drives it from a second JVM, prints RESULT as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-4597}"
THREADS="${THREADS:-8}"
WARMUP_S="${WARMUP_S:-8}"
MEASURE_S="${MEASURE_S:-20}"

mvn -B -q -DskipTests -pl local-aws,benchmarks -am package

java -Xmx1g -jar local-aws/target/local-aws.jar --port "$PORT" >/tmp/local-aws-bench.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$PORT/_localaws/health" >/dev/null && break
  sleep 0.2
done

java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.errorbridge.bench.LocalAwsLoad "http://127.0.0.1:$PORT" "$THREADS" "$WARMUP_S" "$MEASURE_S"

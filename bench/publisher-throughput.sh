#!/usr/bin/env bash
# Publisher throughput against local-aws on loopback, against the real limit measured in the same run: a bare
# loop of pre-built 10-entry PutEvents requests through the publisher's own SDK client and concurrency (the
# ceiling), the publisher mapping and publishing failed executions (the figure), alternating for ROUNDS rounds
# (medians compared), and a naive sequential one-entry-per-call baseline. Last line:
# RESULT events_per_s=… sdk_events_per_s=… ratio_to_sdk=… naive_events_per_s=… ratio=… entries_per_call=…
# Goals (issue 17): ratio_to_sdk >= 0.9, ratio >= 15 at entries_per_call 10.0.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS_PER_ROUND="${EVENTS_PER_ROUND:-100000}"
NAIVE_S="${NAIVE_S:-10}"
# 12 concurrent PutEvents keep both cores busy with the server in the same JVM; the JDK's URL connection keeps
# at most http.maxConnections idle keep-alive connections per host (default 5), so raise it to match.
CONCURRENCY="${CONCURRENCY:-12}"
export CONCURRENCY

mvn -B -q -DskipTests -pl benchmarks -am package

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Dhttp.maxConnections=16 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.errorbridge.bench.PublisherThroughput "$EVENTS_PER_ROUND" "$NAIVE_S" | tee /dev/stderr | tail -n 1 > "${TMPDIR:-/tmp}/publisher-result.$$"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "${TMPDIR:-/tmp}/publisher-result.$$"
rm -f "${TMPDIR:-/tmp}/publisher-result.$$"

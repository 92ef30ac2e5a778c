#!/usr/bin/env bash
# Publisher throughput against local-aws on loopback: the publisher draining a backlog vs a naive sequential
# one-entry-per-call baseline, in one run. Last line: RESULT events_per_s=… naive_events_per_s=… ratio=… entries_per_call=…
set -euo pipefail
cd "$(dirname "$0")/.."

BACKLOG="${BACKLOG:-200000}"
NAIVE_S="${NAIVE_S:-10}"
# 12 concurrent PutEvents keep both cores busy with the server in the same JVM; the JDK's URL connection keeps
# at most http.maxConnections idle keep-alive connections per host (default 5), so raise it to match.
CONCURRENCY="${CONCURRENCY:-12}"
export CONCURRENCY

mvn -B -q -DskipTests -pl benchmarks -am package

java -Xmx2g -Dhttp.maxConnections=16 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.errorbridge.bench.PublisherThroughput "$BACKLOG" "$NAIVE_S"

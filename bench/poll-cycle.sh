#!/usr/bin/env bash
# One poll cycle over many connections (default 1,000: half Dify, half Runflow, a few failures each) against WireMock
# on loopback, publishing to local-aws (EventBridge, KMS) with every store in DynamoDB Local, all in one JVM.
# A warm-up cycle first, then the measured one. Last line: RESULT connections_per_s=… requests_per_connection=…
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS="${CONNECTIONS:-1000}"
# Cycles wait on loopback HTTP and DynamoDB Local most of the time; 8 at once keep both cores busy.
PARALLELISM="${PARALLELISM:-8}"

mvn -B -q -DskipTests -pl benchmarks -am package

java -Xmx2g -Dhttp.maxConnections=32 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dsqlite4java.library.path=benchmarks/target/native-libs \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.errorbridge.bench.PollCycleLoad "$CONNECTIONS" "$PARALLELISM"

#!/usr/bin/env bash
# Replicas of the standalone server on one table: REPLICAS (3) processes of connector-server's jar on real-AWS
# settings against one local-aws and one DynamoDB Local (in the harness JVM), CONNECTIONS (200) Runflow
# connections polled every INTERVAL (PT30S, the settings API's floor) from a WireMock platform answering each
# listing DELAY_MS (200) late, FAILURES (1500) failed runs (80 % told by signed callbacks sent round-robin to every
# replica at a steady pace over two intervals, 20 % listed for the pollers only), and one replica kill -9'd in the
# second round of polls while one of its own poll cycles holds its connection (its metrics say so) and listings
# are in flight. Servers tick every TICK (PT2S) with a poll lease of POLL_LEASE (PT20S) and a delivery lease of
# DELIVERY_LEASE (PT5S).
# Checks: every failure on the bus once (a duplicate is excused only across the kill: the documented window
# between PutEvents and its settle); every connection polled in every interval (gap <= interval + tick + SLACK_S,
# default 2 s; across the kill, + the poll lease); no two polls of a connection closer than a third of the interval; the connections in
# flight at the kill polled again within interval + lease.
# Last line: RESULT replicas=N connections=N failures=N delivered=N lost=N duplicated=N excused_duplicates=N
#   polls=N max_gap_s=S max_gap_across_kill_s=S missed_intervals=N double_polls=N takeover_s=S elapsed_s=S
# Exit status 3 when a check failed (the PROBLEM lines say which). About 2 minutes.
# SKIP_BUILD=1 reuses the last build; KEEP=1 keeps the work directory (replica logs, DynamoDB data).
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests -pl benchmarks,connector-server -am package

WORK="$(mktemp -d)"
trap '[ "${KEEP:-}" = 1 ] && echo "kept $WORK (replica logs, DynamoDB data)" || rm -rf "$WORK"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dsqlite4java.library.path=benchmarks/target/native-libs \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.errorbridge.bench.chaos.ReplicaRun connector-server/target/errorbridge-server.jar "$WORK" \
  | tee "$WORK/result.txt" | grep -v '^RESULT' || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$WORK/result.txt"
exit "$status"

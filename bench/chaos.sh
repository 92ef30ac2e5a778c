#!/usr/bin/env bash
# Crash safety under chaos: N failed runs (default 2,000) reach connector-server's jar, running on real-AWS
# settings against local-aws and DynamoDB Local (both in the harness JVM, kept across the restart, as AWS would
# be): 60 % told by signed Runflow webhooks only, 20 % by webhook and listed for the poller, 20 % listed only,
# over 8 connections. 16 concurrent senders retry on 5xx, 429 and connection errors like a platform; a fault
# schedule cycles through local-aws's control API (PutEvents throttling, 500/503, dropped connections,
# latency, per-entry ThrottlingException/InternalFailure, KMS Decrypt throttling). Once KILL_AT of the callbacks
# are answered, PutEvents calls are held in flight by a latency fault and the server gets kill -9; it restarts
# on the same state, and the harness waits until everything is on the bus.
# Last line: RESULT sent=N acked=N delivered=N lost=N duplicated=N dead_lettered=N restart_s=S
#   acked: callbacks answered 2xx (not "ignored") plus every run the platform listed (a poller must take each);
#   lost: acked but neither on the bus nor among the dead letters; duplicated: deliveries beyond the first.
# Settings: N SENDERS CONNECTIONS KILL_AT (fraction of callbacks answered, default 0.5) HOLD_CALLS (PutEvents
# calls held in flight at the kill, default 4) PORT LEASE (delivery lease, default PT15S) FAULT_PERIOD_MS
# SETTLE_TIMEOUT_S; SKIP_BUILD=1 to reuse the last build; KEEP=1 keeps the work directory (server logs, data).
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests -pl benchmarks,connector-server -am package

WORK="$(mktemp -d)"
trap '[ "${KEEP:-}" = 1 ] && echo "kept $WORK (server logs, DynamoDB data)" || rm -rf "$WORK"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dsqlite4java.library.path=benchmarks/target/native-libs \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.errorbridge.bench.chaos.ChaosRun connector-server/target/errorbridge-server.jar "$WORK" \
  | tee "$WORK/result.txt" | grep -v '^RESULT'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$WORK/result.txt"

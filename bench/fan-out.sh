#!/usr/bin/env bash
# The Lambda poll fan-out on this machine: CONNECTIONS (10,000) idle Dify connections (WireMock answers an empty
# page) in DynamoDB Local, KMS/SQS/EventBridge on local-aws, all in one JVM. PollScheduleHandler enqueues the due
# connections (local-aws's SQS records the messages; the scheduler reads every checkpoint with BatchGetItem), then
# for each M in WORKERS (1,2,4,8) M threads, each with its own PollWorkerHandler on its own ConnectorComponents (as
# M Lambda sandboxes), take SQS batch events of 5 messages through handleRequest until none are left. A warm-up
# cycle on 4 workers runs first. Reported per cycle: wall time, CPU of the handlers' threads (DynamoDB Local,
# local-aws and WireMock excluded), platform requests and AWS calls per connection; then Lambda GB-s and cost
# per cycle and per million polls at infra's memory (poll-worker 1,024 MB, poll-schedule 512 MB), prices printed.
# Last line: RESULT connections=N scheduler_s=S cycle_s_m1=S cycle_s_m8=S speedup_m8=X cpu_ms_per_connection=MS
#   usd_per_million_polls=USD
# On 2 cores the machine, not the workers, caps the speedup: cpu_ms_per_connection does not depend on M.
# Settings: CONNECTIONS, WORKERS (comma-separated), SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests -pl connector-lambda -am package

# The call counter sees every SDK client through the SDK's global interceptor file, on this run's class path only.
HOOKS="$(mktemp -d)"
trap 'rm -rf "$HOOKS"' EXIT
mkdir -p "$HOOKS/software/amazon/awssdk/global/handlers"
echo dev.errorbridge.lambda.bench.AwsCallCounter > "$HOOKS/software/amazon/awssdk/global/handlers/execution.interceptors"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx3g -Dhttp.maxConnections=64 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dsqlite4java.library.path=connector-lambda/target/native-libs \
  -Daws.region=us-east-1 -Daws.accessKeyId=test -Daws.secretAccessKey=test -Daws.disableEc2Metadata=true \
  -cp "$HOOKS:connector-lambda/target/classes:connector-lambda/target/test-classes:$(cat connector-lambda/target/test-classpath.txt)" \
  dev.errorbridge.lambda.FanOutBench | tee "$HOOKS/result.txt" | grep -v '^RESULT'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$HOOKS/result.txt"

#!/usr/bin/env bash
# Lambda cold start without SnapStart: a fresh JVM with Lambda's flags, from process launch to the first webhook
# event accepted by local-aws (MODE=settings measures the settings API instead). local-aws and DynamoDB Local run
# beforehand in another JVM with the connection created. Several runs; the median is reported.
# Last line: RESULT median_ms=… artifact_mb=…
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-7}"
MODE="${MODE:-webhook}"
JAVA_FLAGS="${JAVA_FLAGS:--XX:+TieredCompilation -XX:TieredStopAtLevel=1}"
OUT=connector-lambda/target/cold-start

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -q -DskipTests -pl connector-lambda -am package
fi
JAR=connector-lambda/target/connector-lambda.jar
TEST_CP="connector-lambda/target/test-classes:$(cat connector-lambda/target/test-classpath.txt)"


rm -rf "$OUT" && mkdir -p "$OUT"
java -Dsqlite4java.library.path=connector-lambda/target/native-libs \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$TEST_CP" dev.errorbridge.lambda.bench.ColdStartServices "$OUT" "$RUNS" > "$OUT/services.log" 2>&1 &
SERVICES=$!
trap 'kill "$SERVICES" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q READY "$OUT/services.log" 2>/dev/null && break
  kill -0 "$SERVICES" 2>/dev/null || { cat "$OUT/services.log"; exit 1; }
  sleep 0.5
done
grep -q READY "$OUT/services.log" || { echo "services did not start"; cat "$OUT/services.log"; exit 1; }

set -a
# shellcheck disable=SC1090
source "$OUT/env"
set +a
echo "load before: $(uptime)"

times=()
for i in $(seq 0 $((RUNS - 1))); do
  event="$OUT/webhook-$i.json"
  [[ "$MODE" == "settings" ]] && event="$OUT/settings.json"
  launched=$(($(date +%s%N) / 1000000))
  # shellcheck disable=SC2086
  line=$(java $JAVA_FLAGS -cp "$JAR:connector-lambda/target/test-classes" \
    dev.errorbridge.lambda.bench.ColdStartInvoke "$MODE" "$event" "$launched" 2>"$OUT/run-$i.err" | grep COLD_START) || {
    echo "run $i failed:"; cat "$OUT/run-$i.err"; exit 1; }
  echo "run $i: $line"
  ms=$(sed -E 's/.*COLD_START ms=([0-9]+).*/\1/' <<< "$line")
  times+=("$ms")
done
echo "load after: $(uptime)"

# The HTTP client alone: fresh JVMs that build url-connection or AWS CRT and put one event (COMPARE_CLIENTS=0 skips).
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
if [[ "${COMPARE_CLIENTS:-1}" == "1" ]]; then
  for client in url crt; do
    client_times=()
    for i in $(seq 1 "$RUNS"); do
      launched=$(($(date +%s%N) / 1000000))
      # shellcheck disable=SC2086
      line=$(java $JAVA_FLAGS -cp "$TEST_CP" dev.errorbridge.lambda.bench.HttpClientColdStart "$client" \
        "$ERRORBRIDGE_LOCAL_AWS" "$launched" 2>>"$OUT/clients.err" | grep HTTP_CLIENT) || { cat "$OUT/clients.err"; exit 1; }
      echo "$line"
      client_times+=("$(sed -E 's/.* ms=([0-9]+).*/\1/' <<< "$line")")
    done
    echo "HTTP_CLIENT_MEDIAN client=$client ms=$(printf '%s\n' "${client_times[@]}" | median)"
  done
  crt_jar="$(tr ':' '\n' < connector-lambda/target/test-classpath.txt | grep '/aws-crt-[0-9]')"
  echo "aws-crt jar (natives for every platform): $(awk -v b="$(stat -c %s "$crt_jar")" 'BEGIN {printf "%.1f", b / 1048576}') MB"
fi

median=$(printf '%s\n' "${times[@]}" | median)
artifact_mb=$(awk -v b="$(stat -c %s "$JAR")" 'BEGIN {printf "%.1f", b / 1048576}')
echo "RESULT median_ms=$median artifact_mb=$artifact_mb"

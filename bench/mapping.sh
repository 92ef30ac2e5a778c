#!/usr/bin/env bash
# Mapping latency: one Dify-like failure (3 failed steps, ~2 KB entry) to a MappedEvent, with JMH
# (SampleTime, microseconds). Builds what it needs, prints RESULT as its last line: the median (p50)
# over all forks and iterations. Goal: median <= 5 us.
set -euo pipefail
cd "$(dirname "$0")/.."

FORKS="${FORKS:-2}"
WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-3}"
WARMUP_TIME="${WARMUP_TIME:-5s}"
ITERATIONS="${ITERATIONS:-5}"
ITERATION_TIME="${ITERATION_TIME:-5s}"
RESULT_JSON="benchmarks/target/mapping.json"

mvn -B -q -DskipTests -pl benchmarks -am package

# One measuring thread: the build machine has two cores and the mapper is single-threaded per event.
java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  org.openjdk.jmh.Main 'dev\.errorbridge\.bench\.MappingBenchmark\.' \
  -f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME" \
  -t 1 -bm sample -tu us -rf json -rff "$RESULT_JSON" >&2

python3 - "$RESULT_JSON" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))[0]["primaryMetric"]
p = result["scorePercentiles"]
print(f"p50={p['50.0']:.3f} p90={p['90.0']:.3f} p99={p['99.0']:.3f} mean={result['score']:.3f} "
      f"{result['scoreUnit']}", file=sys.stderr)
print(f"RESULT median_us={p['50.0']:.3f}")
PY

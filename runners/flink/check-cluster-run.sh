#!/usr/bin/env bash
# Submits the spatial pipeline in the bundled jar to a running Flink session cluster (see
# start-local-cluster.sh) and checks the result against the Direct runner on the same input:
#   - the job finished, every vertex of it finished, and the granule read ran on every task slot
#     (Flink's per-subtask record counts, printed as a table);
#   - the two stores are identical (magg compare: every array, element by element);
#   - the two run summaries agree on every count.
#
#   runners/flink/check-cluster-run.sh [WORK_DIR]      (default target/flink-cluster-check)
#
# Environment: FLINK_REST_PORT (default 8081), FLINK_PARALLELISM (default 2),
# MAGG_JAR (default target/magg-beam-bundled.jar, built with -Pflink-runner).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../.." && pwd)"
port="${FLINK_REST_PORT:-8081}"
parallelism="${FLINK_PARALLELISM:-2}"
jar="$(cd "$project" && realpath "${MAGG_JAR:-target/magg-beam-bundled.jar}")"
work="$(realpath -m "${1:-$project/target/flink-cluster-check}")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
job="magg-cluster-check-$(date +%s)"

rm -rf "$work"
mkdir -p "$work"

# 16 granules, so that a random spread leaving one slot idle is practically impossible (2^-15).
"$java" -jar "$jar" sample --out "$work/sample" --granules 16 --segments 3000

echo "== Flink session cluster at 127.0.0.1:$port, parallelism $parallelism"
start=$(date +%s)
"$java" -jar "$jar" run --config atl06 --catalog "$work/sample/catalog.json" \
  --store "$work/flink.zarr" --summary-json "$work/flink.json" \
  --runner=FlinkRunner --flinkMaster="127.0.0.1:$port" --filesToStage="$jar" \
  --parallelism="$parallelism" --jobName="$job" --tempLocation="$work/tmp"
echo "   submitted and finished in $(($(date +%s) - start)) s"

echo "== Direct runner, same input"
"$java" -jar "$jar" run --config atl06 --catalog "$work/sample/catalog.json" \
  --store "$work/direct.zarr" --summary-json "$work/direct.json" >"$work/direct.txt"

echo "== Stores"
"$java" -jar "$jar" compare "$work/direct.zarr" "$work/flink.zarr"

echo "== Summaries and the job"
python3 "$here/check_job.py" --rest "http://127.0.0.1:$port" --job-name "$job" \
  --parallelism "$parallelism" --expected "$work/direct.json" --actual "$work/flink.json"

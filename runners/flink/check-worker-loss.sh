#!/usr/bin/env bash
# Loses a worker in the middle of a job and checks that the run still gives the right answer:
#   1. submits a spatial job over many granules to the running session cluster
#      (start-local-cluster.sh);
#   2. a second after the job starts running (while it reads the granules), kills its TaskManager
#      with kill -9
#      (as a preempted machine or an OOM kill would) and starts a new one
#      (start-local-cluster.sh taskmanager);
#   3. checks that the job restarted (the JobManager's exception history names the loss) and
#      finished, that `magg run` exited 0, that the store equals the Direct runner's on the same
#      input (magg compare) and that the summaries agree on every count (check_job.py).
#
#   runners/flink/check-worker-loss.sh [WORK_DIR]      (default target/flink-worker-loss)
#
# Environment: FLINK_REST_PORT (default 8081), FLINK_PARALLELISM (default 2),
# MAGG_JAR (default target/magg-beam-bundled.jar, built with -Pflink-runner),
# LOSS_GRANULES (default 40), LOSS_SEGMENTS (default 12000), LOSS_KILL_AFTER (seconds the job runs
# before the kill, default 1), LOSS_RUN_ARGS (more arguments of the Flink run).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../.." && pwd)"
port="${FLINK_REST_PORT:-8081}"
parallelism="${FLINK_PARALLELISM:-2}"
granules="${LOSS_GRANULES:-40}"
segments="${LOSS_SEGMENTS:-12000}"
kill_after="${LOSS_KILL_AFTER:-1}"
jar="$(cd "$project" && realpath "${MAGG_JAR:-target/magg-beam-bundled.jar}")"
work="$(realpath -m "${1:-$project/target/flink-worker-loss}")"
cluster_dir="${FLINK_CLUSTER_DIR:-$project/target/flink-cluster}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
job="magg-worker-loss-$(date +%s)"
rest="http://127.0.0.1:$port"

fail() {
  echo "worker-loss check FAILED: $*" >&2
  exit 1
}

get() { python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$rest$1"; }

# Prints the job's id and state ("jid state"), nothing while it is not listed yet.
job_state() {
  get /jobs/overview | python3 -c '
import json, sys
for j in json.load(sys.stdin)["jobs"]:
    if j["name"] == sys.argv[1]:
        print(j["jid"], j["state"])' "$job"
}

rm -rf "$work"
mkdir -p "$work"
"$java" -jar "$jar" sample --out "$work/sample" --granules "$granules" --segments "$segments" >/dev/null

tm_pid_file="$(ls -t "$cluster_dir"/taskmanager*.pid 2>/dev/null | head -1 || true)"
[ -n "$tm_pid_file" ] && kill -0 "$(cat "$tm_pid_file")" 2>/dev/null ||
  fail "no running TaskManager started by start-local-cluster.sh in $cluster_dir"

echo "== Flink session cluster at 127.0.0.1:$port: $granules granules, parallelism $parallelism"
start=$(date +%s)
"$java" -jar "$jar" run --config atl06 --catalog "$work/sample/catalog.json" \
  --store "$work/flink.zarr" --summary-json "$work/flink.json" \
  --runner=FlinkRunner --flinkMaster="127.0.0.1:$port" --filesToStage="$jar" \
  --parallelism="$parallelism" --jobName="$job" --tempLocation="$work/tmp" ${LOSS_RUN_ARGS:-} \
  >"$work/flink.txt" 2>&1 &
submitter=$!

# Wait until the job runs, then let it work for a while.
jid=""
for _ in $(seq 1 120); do
  read -r jid state < <(job_state || true) || true
  [ "${state:-}" = RUNNING ] && break
  kill -0 "$submitter" 2>/dev/null || break
  sleep 0.5
done
[ "${state:-}" = RUNNING ] || {
  cat "$work/flink.txt" >&2
  fail "job $job never ran (state ${state:-not listed})"
}
# Kill while the granules are being read: LOSS_KILL_AFTER seconds after the job started running,
# once some of its tasks still run (a loss after every task finished would not fail anything).
sleep "$kill_after"
read -r jid state < <(job_state)
[ "$state" = RUNNING ] ||
  fail "job finished ($state) before the TaskManager could be killed; raise LOSS_GRANULES or LOSS_SEGMENTS"
running="$(get "/jobs/$jid" | python3 -c '
import json, sys
print(sum(1 for v in json.load(sys.stdin)["vertices"] if v["status"] in ("RUNNING", "DEPLOYING", "INITIALIZING", "CREATED", "SCHEDULED")))')"
[ "$running" -gt 0 ] ||
  fail "every task of job $jid had finished before the kill; raise LOSS_GRANULES or LOSS_SEGMENTS"
trigger="${kill_after} s of running, $running vertices not finished"

victim="$(cat "$tm_pid_file")"
echo "   job $jid running, at $trigger: kill -9 of TaskManager pid $victim ($(basename "$tm_pid_file" .pid))"
kill -9 "$victim"
"$here/start-local-cluster.sh" taskmanager

if ! wait "$submitter"; then
  cat "$work/flink.txt" >&2
  fail "magg run exited $? after the TaskManager was lost"
fi
echo "   magg run exited 0 after $(($(date +%s) - start)) s"
grep -E "restarts:" "$work/flink.txt" || echo "   (no result was written twice: the loss came before any)"

# The REST API serves a job's details from a cache refreshed every web.refresh-interval (3 s): a
# reading of the running job just before it ended (magg's progress reads its counters every half
# second) can still be served for a moment after magg has its result.
for _ in $(seq 1 20); do
  get "/jobs/$jid" >"$work/job.json"
  grep -q '"state":"RUNNING"' "$work/job.json" || break
  sleep 0.5
done
get "/jobs/$jid/exceptions" >"$work/exceptions.json"
python3 - "$work/job.json" "$work/exceptions.json" <<'EOF'
import json, sys
job = json.load(open(sys.argv[1]))
history = json.load(open(sys.argv[2])).get("exceptionHistory", {}).get("entries", [])
if job["state"] != "FINISHED":
    sys.exit(f"job state {job['state']}, expected FINISHED")
if not history:
    sys.exit("the job's exception history is empty: no task was lost, so nothing was checked")
first = history[0]
print(f"   job FINISHED after {len(history)} failure(s); first: "
      + first.get("exceptionName", "?") + ": "
      + (first.get("stacktrace", "").splitlines() or ["?"])[0][:160])
EOF

echo "== Direct runner, same input"
"$java" -jar "$jar" run --config atl06 --catalog "$work/sample/catalog.json" \
  --store "$work/direct.zarr" --summary-json "$work/direct.json" >"$work/direct.txt"

echo "== Stores"
"$java" -jar "$jar" compare "$work/direct.zarr" "$work/flink.zarr"

echo "== Summaries and the job"
python3 "$here/check_job.py" --rest "$rest" --job-name "$job" \
  --parallelism "$parallelism" --expected "$work/direct.json" --actual "$work/flink.json"

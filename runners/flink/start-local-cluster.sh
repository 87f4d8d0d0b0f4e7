#!/usr/bin/env bash
# A local Apache Flink session cluster on 127.0.0.1: one JobManager and one TaskManager, each its
# own JVM, run from Flink's Maven Central artifacts (no Flink distribution needed).
#
#   runners/flink/start-local-cluster.sh [start]     start it and wait until its REST API answers
#                                                     with a registered TaskManager
#   runners/flink/start-local-cluster.sh taskmanager start one more TaskManager on the running
#                                                     cluster (e.g. to replace one that died) and
#                                                     wait until it is registered
#   runners/flink/start-local-cluster.sh stop        stop the processes this script started
#   runners/flink/start-local-cluster.sh status      print the cluster overview (exit 1 if down)
#
# Jobs survive the loss of a TaskManager: the cluster restarts the failed tasks (restart strategy
# fixed-delay, FLINK_RESTART_ATTEMPTS times, FLINK_RESTART_DELAY apart) once a TaskManager with
# free slots is registered, and notices a dead TaskManager within FLINK_HEARTBEAT_TIMEOUT.
#
# Settings (environment):
#   FLINK_REST_PORT      REST API and job submission port            (default 8081)
#   FLINK_RPC_PORT       JobManager RPC port                         (default 6123)
#   FLINK_SLOTS          task slots of the TaskManager               (default 2)
#   FLINK_TM_MEMORY      TaskManager process size                    (default 2048m)
#   FLINK_JM_MEMORY      JobManager process size                     (default 1024m)
#   FLINK_CLUSTER_DIR    configuration, logs, pid files              (default target/flink-cluster)
#   FLINK_START_TIMEOUT  seconds to wait for the cluster             (default 120)
#   FLINK_RESTART_STRATEGY  the cluster's restart strategy: fixed-delay, none (default fixed-delay)
#   FLINK_RESTART_ATTEMPTS  restarts of a failing job before it fails   (default 10)
#   FLINK_RESTART_DELAY  pause before a restart                       (default 5 s)
#   FLINK_HEARTBEAT_TIMEOUT  a silent TaskManager is lost after (ms)  (default 15000)
#
# Submit to it with --runner=FlinkRunner --flinkMaster=127.0.0.1:$FLINK_REST_PORT (see docs/runners.md,
# "Runners"). The classpath is Flink's runtime only (runners/flink/pom.xml), as in a Flink
# distribution's lib/: jobs bring everything else in their jar.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../.." && pwd)"
rest_port="${FLINK_REST_PORT:-8081}"
rpc_port="${FLINK_RPC_PORT:-6123}"
slots="${FLINK_SLOTS:-2}"
tm_memory="${FLINK_TM_MEMORY:-2048m}"
jm_memory="${FLINK_JM_MEMORY:-1024m}"
dir="${FLINK_CLUSTER_DIR:-$project/target/flink-cluster}"
timeout="${FLINK_START_TIMEOUT:-120}"
restart_strategy="${FLINK_RESTART_STRATEGY:-fixed-delay}"
restart_attempts="${FLINK_RESTART_ATTEMPTS:-10}"
restart_delay="${FLINK_RESTART_DELAY:-5 s}"
heartbeat_timeout="${FLINK_HEARTBEAT_TIMEOUT:-15000}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "flink-cluster: $*" >&2; }

# GET a REST path; prints the body, fails when the cluster does not answer.
rest() {
  local url="http://127.0.0.1:$rest_port$1"
  if command -v curl >/dev/null 2>&1; then
    curl -sf --max-time 5 "$url"
  else
    python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$url" 2>/dev/null
  fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop() {
  local stopped=0 f pid
  for f in "$dir"/taskmanager*.pid "$dir/jobmanager.pid"; do
    [ -e "$f" ] || continue
    if alive "$f"; then
      pid="$(cat "$f")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      if kill -0 "$pid" 2>/dev/null; then
        log "$(basename "$f" .pid) (pid $pid) did not stop in 30 s; killing it"
        kill -9 "$pid" 2>/dev/null || true
      fi
      log "stopped $(basename "$f" .pid) (pid $pid)"
      stopped=1
    fi
    rm -f "$f"
  done
  [ "$stopped" = 1 ] || log "no cluster started from $dir is running"
}

# Flink's runtime classpath, resolved once from runners/flink/pom.xml; its Flink version must be
# the one the project's Flink runner is built against.
classpath() {
  local cp="$dir/classpath.txt"
  if [ ! -s "$cp" ] || [ "$here/pom.xml" -nt "$cp" ]; then
    log "resolving Flink's classpath (runners/flink/pom.xml)"
    mvn -B -q -ntp -Dstyle.color=never -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp" >&2
  fi
  local ours theirs
  ours="$(tr ':' '\n' <"$cp" | sed -n 's|.*/flink-runtime-\([0-9][^/]*\)\.jar$|\1|p')"
  theirs="$(sed -n 's|.*<flink.version>\(.*\)</flink.version>.*|\1|p' "$here/pom.xml")"
  if [ -z "$ours" ] || [ "$ours" != "$theirs" ]; then
    log "classpath $cp holds flink-runtime '$ours', expected '$theirs'; delete it and retry"
    exit 1
  fi
  cat "$cp"
}

# Prints the JVM options (first line) and -D settings (second line) Flink's own start scripts
# would compute for a process of the configured size.
resource_params() {
  "$java" -cp "$1" org.apache.flink.runtime.util.bash.BashJavaUtils "$2" --configDir "$dir/conf" \
    2>"$dir/log/bash-java-utils.log" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# Starts a TaskManager JVM named NAME (its pid file NAME.pid, log NAME.log, resource id NAME).
launch_taskmanager() {
  local name="$1" cp="$2" tm tm_jvm tm_dyn
  tm="$(resource_params "$cp" GET_TM_RESOURCE_PARAMS)"
  tm_jvm="$(sed -n 1p <<<"$tm")"
  tm_dyn="$(sed -n 2p <<<"$tm")"
  # shellcheck disable=SC2086 # the computed options are word lists
  nohup "$java" $tm_jvm -cp "$cp" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$dir/conf" $tm_dyn -D "taskmanager.resource-id=$name" \
    >"$dir/log/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

# One more TaskManager on the running cluster; waits until the JobManager lists it.
add_taskmanager() {
  if ! alive "$dir/jobmanager.pid"; then
    log "no JobManager started from $dir is running; run '$0 start' first"
    exit 1
  fi
  local n=2 name cp
  while [ -e "$dir/taskmanager-$n.pid" ]; do n=$((n + 1)); done
  name="taskmanager-$n"
  cp="$(classpath)"
  launch_taskmanager "$name" "$cp"
  local waited=0
  while [ "$waited" -lt "$timeout" ]; do
    if ! alive "$dir/$name.pid"; then
      log "$name exited during start-up:"
      tail -n 20 "$dir/log/$name.log" >&2 || true
      rm -f "$dir/$name.pid"
      exit 1
    fi
    if rest /taskmanagers 2>/dev/null | grep -q "\"id\":\"$name\""; then
      log "$name (pid $(cat "$dir/$name.pid")) registered after ${waited}s; log $dir/log/$name.log"
      return 0
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "$name did not register within ${timeout}s:"
  tail -n 20 "$dir/log/$name.log" >&2 || true
  exit 1
}

start() {
  if alive "$dir/jobmanager.pid" || alive "$dir/taskmanager.pid"; then
    log "already running (pid files in $dir); run '$0 stop' first"
    exit 1
  fi
  if rest /overview >/dev/null 2>&1; then
    log "something already answers on 127.0.0.1:$rest_port; set FLINK_REST_PORT to a free port"
    exit 1
  fi
  mkdir -p "$dir/conf" "$dir/log" "$dir/tmp"
  local cp
  cp="$(classpath)"
  cat >"$dir/conf/flink-conf.yaml" <<EOF
# Generated by runners/flink/start-local-cluster.sh
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: $jm_memory
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.numberOfTaskSlots: $slots
taskmanager.memory.process.size: $tm_memory
taskmanager.memory.managed.fraction: 0.3
# A Beam batch job runs many operators at once, each with its own result partition: give the
# network stack more memory and each sort-shuffle partition fewer buffers than Flink's 512.
taskmanager.memory.network.min: 256m
taskmanager.memory.network.max: 256m
taskmanager.network.sort-shuffle.min-buffers: 128
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest_port
parallelism.default: 1
io.tmp.dirs: $dir/tmp
blob.storage.directory: $dir/tmp
# A job whose TaskManager dies is restarted (the failed region, or the whole job when its tasks
# are pipelined) as soon as slots are free again, instead of failing with
# NoRestartBackoffTimeStrategy. Jobs may set their own strategy (Beam's
# --numberOfExecutionRetries/--executionRetryDelay, honoured by streaming jobs).
restart-strategy.type: $restart_strategy
restart-strategy.fixed-delay.attempts: $restart_attempts
restart-strategy.fixed-delay.delay: $restart_delay
heartbeat.interval: 2000
heartbeat.timeout: $heartbeat_timeout
EOF
  local jm jm_jvm jm_dyn
  jm="$(resource_params "$cp" GET_JM_RESOURCE_PARAMS)"
  jm_jvm="$(sed -n 1p <<<"$jm")"
  jm_dyn="$(sed -n 2p <<<"$jm")"
  if [ -z "$jm_jvm" ] || [ -z "$(resource_params "$cp" GET_TM_RESOURCE_PARAMS)" ]; then
    log "could not compute the process memory settings; see $dir/log/bash-java-utils.log"
    exit 1
  fi
  # shellcheck disable=SC2086 # the computed options are word lists
  nohup "$java" $jm_jvm -cp "$cp" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$dir/conf" $jm_dyn >"$dir/log/jobmanager.log" 2>&1 </dev/null &
  echo $! >"$dir/jobmanager.pid"
  launch_taskmanager taskmanager "$cp"
  log "started JobManager (pid $(cat "$dir/jobmanager.pid")) and TaskManager (pid $(cat "$dir/taskmanager.pid")); logs in $dir/log"

  local waited=0 overview=""
  while [ "$waited" -lt "$timeout" ]; do
    if ! alive "$dir/jobmanager.pid" || ! alive "$dir/taskmanager.pid"; then
      log "a cluster process exited during start-up:"
      tail -n 20 "$dir/log/jobmanager.log" "$dir/log/taskmanager.log" >&2 || true
      stop
      exit 1
    fi
    overview="$(rest /overview 2>/dev/null || true)"
    if [[ "$overview" == *'"taskmanagers":1'* ]] && [[ "$overview" == *"\"slots-total\":$slots"* ]]; then
      log "ready after ${waited}s: REST http://127.0.0.1:$rest_port, 1 TaskManager, $slots slots"
      echo "$overview"
      return 0
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "no TaskManager registered within ${timeout}s (overview: ${overview:-no answer}):"
  tail -n 20 "$dir/log/jobmanager.log" "$dir/log/taskmanager.log" >&2 || true
  stop
  exit 1
}

case "${1:-start}" in
  start) start ;;
  taskmanager) add_taskmanager ;;
  stop) stop ;;
  status)
    if rest /overview; then echo; else
      log "no cluster answers on 127.0.0.1:$rest_port"
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 [start|taskmanager|stop|status]" >&2
    exit 2
    ;;
esac

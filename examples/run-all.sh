#!/usr/bin/env bash
# Runs every example against the bundled jar, as a user would from the project root:
#   java -cp target/magg-beam-bundled.jar examples/<Name>.java WORK_DIR
# Build the jar first (mvn -B -ntp package -DskipTests). Stops at the first example that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/magg-beam-bundled.jar
test -f "$jar" || { echo "no $jar: build it with mvn -B -ntp package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for example in "${@:-Spatial Temporal Event Historical Da Engine}"; do
  for name in $example; do
    [ -f "examples/${name}Example.java" ] || continue
    echo "== ${name}Example"
    java -Xmx1g -cp "$jar" "examples/${name}Example.java" "$work/$name"
  done
done

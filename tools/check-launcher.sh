#!/usr/bin/env bash
# Checks bin/magg's class data sharing: the first run after a build records an archive, later runs
# use it (the JVM accepts it for this jar with -Xshare:on, which fails otherwise), a rebuilt jar is
# recorded again, and output and exit codes are those of the plain jar.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/magg-beam-bundled.jar
archive=target/magg-beam.jsa
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "check-launcher: $*" >&2; exit 1; }

rm -f "$archive" "$archive".*
run() { bin/magg --quiet bench --points 200000 --granules 4 --runs 1 --dir "$work/bench" "$@"; }
run > "$work/first.txt" 2> "$work/first.err" || fail "first run exited $?"
[ -s "$archive" ] || fail "the first run recorded no archive"
size=$(stat -c %s "$archive")
[ "$size" -ge 16000000 ] || fail "the archive holds only $size bytes"
[ ! -s "$work/first.err" ] || fail "the recording run wrote to standard error: $(head -3 "$work/first.err")"
java -Xshare:on -XX:SharedArchiveFile="$archive" -jar "$jar" --help > /dev/null \
  || fail "the JVM refuses the archive for $jar"
stamp=$(stat -c %Y "$archive")

run > "$work/second.txt" 2> "$work/second.err" || fail "second run exited $?"
[ "$(stat -c %Y "$archive")" = "$stamp" ] || fail "the second run recorded the archive again"
[ ! -s "$work/second.err" ] || fail "the second run wrote to standard error: $(head -3 "$work/second.err")"
grep -q "^check: .*pipeline binned" "$work/second.txt" \
  || fail "the second run printed no benchmark summary"

set +e
bin/magg no-such-command > /dev/null 2>&1
rc=$?
java -jar "$jar" no-such-command > /dev/null 2>&1
plain=$?
set -e
[ "$rc" = "$plain" ] && [ "$rc" = 2 ] || fail "exit code $rc through bin/magg, $plain from the jar, expected 2"

sleep 1
touch "$jar"
run > /dev/null 2>&1 || fail "run after a rebuild exited $?"
[ "$archive" -nt "$jar" ] || fail "a rebuilt jar did not get a new archive"
java -Xshare:on -XX:SharedArchiveFile="$archive" -jar "$jar" --help > /dev/null \
  || fail "the JVM refuses the new archive"
echo "check-launcher: ok (archive $((size / 1000000)) MB)"

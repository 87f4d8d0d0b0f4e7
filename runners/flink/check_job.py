#!/usr/bin/env python3
"""Checks a spatial run on a Flink session cluster against a Direct-runner run of the same input.

  check_job.py --rest http://127.0.0.1:8081 --job-name NAME --parallelism 2 \
      --expected direct-summary.json --actual flink-summary.json

1. The run summaries (magg run --summary-json) agree on every count: cells, granules, groups,
   points read/kept/filtered/binned, each cell's outcome and the failures.
2. The Flink job NAME finished, and every vertex of it finished.
3. Parallelism was honoured: the vertex that reads the granules ran PARALLELISM subtasks and every
   one of them read granules (Flink's per-subtask record counts). A table of all vertices with
   their subtasks' records is printed as evidence.

Exit 0 when all holds, 1 otherwise (each problem is printed).
"""
import argparse
import json
import sys
import urllib.request

COUNTS = [
    "totalCells", "cellsWithData", "cellsWithErrors", "granules", "granulesRead",
    "granulesFailed", "groupsRead", "groupsMissing", "groupsFailed", "pointsRead", "pointsKept",
    "pointsFiltered", "pointsBinned", "pointsInFailedCells", "parentOrder", "childOrder",
]
READ_VERTEX = "ReadPoints/ReadGranules"


def get(rest, path):
    with urllib.request.urlopen(rest.rstrip("/") + path, timeout=10) as r:
        return json.load(r)


def compare_summaries(expected_file, actual_file, problems):
    with open(expected_file) as f:
        expected = json.load(f)
    with open(actual_file) as f:
        actual = json.load(f)
    for key in COUNTS:
        if expected.get(key) != actual.get(key):
            problems.append(f"summary {key}: Direct {expected.get(key)} vs Flink {actual.get(key)}")
    if expected["cells"] != actual["cells"]:
        problems.append(f"summary cells differ: Direct {expected['cells']} vs Flink {actual['cells']}")

    def failures(s):
        return sorted((f["stage"], f["subject"], f["reason"]) for f in s["failures"])

    if failures(expected) != failures(actual):
        problems.append(f"summary failures differ: {failures(expected)} vs {failures(actual)}")
    print(f"summaries: {actual['runner']} vs {expected['runner']}: "
          f"{actual['pointsBinned']:,} points binned in {actual['cellsWithData']} cells, "
          f"{len(actual['failures'])} failures")


def check_job(rest, name, parallelism, problems):
    jobs = [j for j in get(rest, "/jobs/overview")["jobs"] if j["name"] == name]
    if len(jobs) != 1:
        problems.append(f"expected one job named {name} on {rest}, found {len(jobs)}")
        return
    job = get(rest, "/jobs/" + jobs[0]["jid"])
    print(f"job {job['name']} ({job['jid']}): {job['state']} in {job['duration'] / 1000:.1f} s")
    if job["state"] != "FINISHED":
        problems.append(f"job {name} ended in state {job['state']}")
    print(f"{'parallelism':>11}  {'records in -> out per subtask':<26}  vertex")
    read_vertices = 0
    for v in job["vertices"]:
        detail = get(rest, f"/jobs/{job['jid']}/vertices/{v['id']}")
        reads = [s["metrics"]["read-records"] for s in detail["subtasks"]]
        writes = [s["metrics"]["write-records"] for s in detail["subtasks"]]
        label = v["name"] if len(v["name"]) <= 110 else v["name"][:107] + "..."
        print(f"{v['parallelism']:>11}  {str(reads) + ' -> ' + str(writes):<26}  {label}")
        if v["status"] != "FINISHED":
            problems.append(f"vertex {v['name']} ended in state {v['status']}")
        if READ_VERTEX in v["name"] and "FlatMap at " + READ_VERTEX + ")" in v["name"]:
            read_vertices += 1
            if v["parallelism"] != parallelism or len(reads) != parallelism:
                problems.append(
                    f"the granule read ran {v['parallelism']} subtasks, expected {parallelism}")
            elif min(reads) == 0:
                problems.append(
                    f"a granule-read subtask read no granules ({reads}): not every slot worked")
            else:
                print(f"  -> granules read per subtask: {reads} (every one of the "
                      f"{parallelism} slots read granules)")
    if read_vertices != 1:
        problems.append(f"found {read_vertices} vertices running {READ_VERTEX}, expected 1")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rest", required=True)
    p.add_argument("--job-name", required=True)
    p.add_argument("--parallelism", type=int, required=True)
    p.add_argument("--expected", required=True, help="Direct-runner summary JSON")
    p.add_argument("--actual", required=True, help="Flink-runner summary JSON")
    a = p.parse_args()
    problems = []
    compare_summaries(a.expected, a.actual, problems)
    check_job(a.rest, a.job_name, a.parallelism, problems)
    for problem in problems:
        print("PROBLEM: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

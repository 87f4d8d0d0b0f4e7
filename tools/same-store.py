#!/usr/bin/env python3
"""Compares two output stores (or any two directory trees) byte for byte.

Every file must exist in both trees with the same bytes; JSON files (zarr.json, .zarray,
.zattrs, .zgroup, .zmetadata) are compared as parsed JSON with keys that hold times left out
(any key whose name contains "time" or "date", at any depth). Prints one line per difference
and exits 1 if there is any, else prints the number of files compared and exits 0.

    tools/same-store.py A.zarr B.zarr
"""
import json
import os
import sys

JSON_NAMES = {"zarr.json", ".zarray", ".zattrs", ".zgroup", ".zmetadata"}


def files(root):
    out = set()
    for d, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(d, n), root))
    return out


def without_times(v):
    if isinstance(v, dict):
        return {
            k: without_times(x)
            for k, x in v.items()
            if "time" not in k.lower() and "date" not in k.lower()
        }
    if isinstance(v, list):
        return [without_times(x) for x in v]
    return v


def main(a, b):
    fa, fb = files(a), files(b)
    problems = [f"only in {a}: {p}" for p in sorted(fa - fb)]
    problems += [f"only in {b}: {p}" for p in sorted(fb - fa)]
    for p in sorted(fa & fb):
        with open(os.path.join(a, p), "rb") as x, open(os.path.join(b, p), "rb") as y:
            ba, bb = x.read(), y.read()
        if ba == bb:
            continue
        if os.path.basename(p) in JSON_NAMES:
            if without_times(json.loads(ba)) == without_times(json.loads(bb)):
                continue
        problems.append(f"differs: {p} ({len(ba)} and {len(bb)} bytes)")
    for line in problems:
        print(line)
    if problems:
        return 1
    print(f"same: {len(fa)} files")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: same-store.py A B")
    sys.exit(main(sys.argv[1], sys.argv[2]))

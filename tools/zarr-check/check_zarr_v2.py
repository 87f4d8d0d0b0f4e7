#!/usr/bin/python3
"""Independent Zarr v2 reader (zarr-python and xarray) used by the Java tests.

Usage:
  check_zarr_v2.py --store DIR [--group PATH]... [--array PATH]... [--xarray-group PATH]...

Opens the store with zarr.open_consolidated (so .zmetadata must be present and correct) and,
for each --xarray-group, with xarray.open_zarr(..., consolidated=True). Prints one JSON document:

  {"reader": "zarr-python", "zarr_version": ..., "xarray_version": ...,
   "consolidated_keys": [...],
   "groups": {PATH: {"attrs": {...}}},
   "arrays": {PATH: {"shape": [...], "chunks": [...], "dtype": "<u8", "fill_value": ...,
                     "compressor": {...} | null, "attrs": {...}, "values": [...]}},
   "xarray": {PATH: {"attrs": {...},
                     "variables": {NAME: {"dims": [...], "dtype": "...", "attrs": {...},
                                          "values": [...], "decoded_dtype": "..."}}}}}

Values are flattened in C order; NaN and infinities are printed as the strings "NaN",
"Infinity" and "-Infinity". xarray values are read without CF decoding (mask_and_scale=False,
decode_times=False) so they can be compared exactly; decoded_dtype is the dtype xarray gives
with its default decoding.
"""

import argparse
import json
import math
import sys


def to_json(value):
    """Turns numpy scalars/arrays and non-finite floats into JSON-friendly values."""
    import numpy as np

    if isinstance(value, np.ndarray):
        return [to_json(v) for v in value.ravel(order="C").tolist()]
    if isinstance(value, np.generic):
        return to_json(value.item())
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--group", action="append", default=[])
    parser.add_argument("--array", action="append", default=[])
    parser.add_argument("--xarray-group", action="append", default=[])
    args = parser.parse_args(argv)

    import numcodecs
    import zarr

    result = {
        "reader": "zarr-python",
        "zarr_version": zarr.__version__,
        "numcodecs_version": numcodecs.__version__,
        "groups": {},
        "arrays": {},
    }

    store = zarr.DirectoryStore(args.store)
    with open(f"{args.store}/.zmetadata", "rb") as f:
        consolidated = json.load(f)
    result["consolidated_keys"] = sorted(consolidated["metadata"].keys())
    root = zarr.open_consolidated(store, mode="r")

    for path in args.group:
        group = root[path] if path else root
        result["groups"][path] = {"attrs": to_json(dict(group.attrs))}

    for path in args.array:
        arr = root[path]
        result["arrays"][path] = {
            "shape": list(arr.shape),
            "chunks": list(arr.chunks),
            "dtype": arr.dtype.str,
            "fill_value": to_json(arr.fill_value),
            "compressor": arr.compressor.get_config() if arr.compressor else None,
            "attrs": to_json(dict(arr.attrs)),
            "values": to_json(arr[...]),
        }

    if args.xarray_group:
        import xarray as xr

        result["xarray_version"] = xr.__version__
        result["xarray"] = {}
        for path in args.xarray_group:
            group = path or None
            raw = xr.open_zarr(
                args.store, group=group, consolidated=True, mask_and_scale=False,
                decode_times=False)
            decoded = xr.open_zarr(args.store, group=group, consolidated=True)
            variables = {}
            for name in list(raw.data_vars) + list(raw.coords):
                var = raw[name]
                variables[str(name)] = {
                    "dims": [str(d) for d in var.dims],
                    "dtype": var.dtype.str,
                    "attrs": to_json(dict(var.attrs)),
                    "values": to_json(var.values),
                    "decoded_dtype": decoded[name].dtype.str,
                }
            result["xarray"][path] = {"attrs": to_json(dict(raw.attrs)), "variables": variables}

    json.dump(result, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Expected per-cell statistics of the real ATL06 granule in ../shared/data/atl06, computed by a path
independent of magg-beam: h5py reads the datasets, healpy hashes (lon, lat) to HEALPix nested ids,
numpy computes the statistics the atl06 config asks for. Writes atl06_expected.json beside this file.

Run from the project root:  /usr/bin/python3 src/test/resources/org/magg/pipelines/atl06_expected.py
(needs Debian's python3-h5py, python3-healpy, python3-numpy)
"""
import json
import os
import sys

import h5py
import healpy
import numpy as np

GRANULE = "../shared/data/atl06/ATL06_20181013235645_02340114_209_01.h5"
BEAMS = ["gt1l", "gt1r", "gt2l", "gt2r", "gt3l", "gt3r"]
PARENT_ORDER = 6
CHILD_ORDER = 12


def morton(nested, order):
    """mortie (pre-0.7) Morton index of a nested id, written from the formula, not from our code."""
    base = nested >> (2 * order)
    digits = 0
    for k in range(order - 1, -1, -1):
        digits = digits * 10 + (((nested >> (2 * k)) & 3) + 1)
    if base < 6:
        return (base + 1) * 10**order + digits
    return -((base - 5) * 10**order + digits)


def expected(use_quality):
    lat_all, lon_all, h_all, s_all = [], [], [], []
    read = 0
    filtered = {"fill_value": 0, "quality": 0, "invalid_coordinate": 0}
    with h5py.File(GRANULE, "r") as f:
        for beam in BEAMS:
            seg = f"/{beam}/land_ice_segments/"
            if seg not in f:
                continue
            lat = f[seg + "latitude"][:]
            lon = f[seg + "longitude"][:]
            h = f[seg + "h_li"][:]
            s = f[seg + "h_li_sigma"][:]
            q = f[seg + "atl06_quality_summary"][:]
            fill_lat = f[seg + "latitude"].attrs.get("_FillValue")
            fill_lon = f[seg + "longitude"].attrs.get("_FillValue")
            fill_h = f[seg + "h_li"].attrs["_FillValue"]
            fill_s = f[seg + "h_li_sigma"].attrs["_FillValue"]
            read += len(lat)
            coord_fill = (lat == fill_lat) | (lon == fill_lon)
            bad_coord = ~coord_fill & ~((lat >= -90) & (lat <= 90) & np.isfinite(lon))
            ok_coord = ~coord_fill & ~bad_coord
            qok = (q == 0) if use_quality else np.ones(len(q), dtype=bool)
            bad_q = ok_coord & ~qok
            var_fill = ok_coord & qok & ((h == fill_h) | (s == fill_s) | np.isnan(h) | np.isnan(s))
            keep = ok_coord & qok & ~var_fill
            filtered["fill_value"] += int(coord_fill.sum() + var_fill.sum())
            filtered["invalid_coordinate"] += int(bad_coord.sum())
            filtered["quality"] += int(bad_q.sum())
            lat_all.append(lat[keep])
            lon_all.append(lon[keep])
            h_all.append(h[keep].astype(np.float64))
            s_all.append(s[keep].astype(np.float64))
    lat = np.concatenate(lat_all)
    lon = np.concatenate(lon_all)
    h = np.concatenate(h_all)
    s = np.concatenate(s_all)
    nested18 = healpy.ang2pix(2**18, lon, lat, nest=True, lonlat=True).astype(np.int64)
    parents = nested18 >> (2 * (18 - PARENT_ORDER))
    children = nested18 >> (2 * (18 - CHILD_ORDER))
    out_cells = []
    for p in sorted(set(parents.tolist())):
        sel = parents == p
        cells = []
        for c in sorted(set(children[sel].tolist())):
            m = children == c
            hv, sv = h[m], s[m]
            w = 1.0 / sv**2
            cells.append({
                "nested": int(c),
                "morton": morton(int(c), CHILD_ORDER),
                "index": int(c - (p << (2 * (CHILD_ORDER - PARENT_ORDER)))),
                "count": int(m.sum()),
                "h_min": float(np.min(hv)),
                "h_max": float(np.max(hv)),
                "h_mean": float(np.sum(hv * w) / np.sum(w)),
                "h_sigma": float(1.0 / np.sqrt(np.sum(w))),
                "h_variance": float(np.var(hv)),
                "h_q25": float(np.quantile(hv, 0.25)),
                "h_q50": float(np.quantile(hv, 0.50)),
                "h_q75": float(np.quantile(hv, 0.75)),
            })
        out_cells.append({"parent_nested": int(p), "parent_morton": morton(int(p), PARENT_ORDER),
                          "points": int(sel.sum()), "children": cells})
    return {
        "granule": os.path.basename(GRANULE),
        "quality_filter": use_quality,
        "parent_order": PARENT_ORDER,
        "child_order": CHILD_ORDER,
        "points_read": read,
        "points_kept": int(len(h)),
        "filtered": filtered,
        "parents": out_cells,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    result = {"with_quality_filter": expected(True), "without_quality_filter": expected(False)}
    with open(os.path.join(here, "atl06_expected.json"), "w") as f:
        json.dump(result, f, indent=1)
    for k, r in result.items():
        print(f"{k}: read {r['points_read']}, kept {r['points_kept']}, "
              f"{len(r['parents'])} parent cells, filtered {r['filtered']}", file=sys.stderr)


if __name__ == "__main__":
    main()

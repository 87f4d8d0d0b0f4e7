"""Expected values for GriddedSourceRealDataTest, read with h5py (independent of our reader).

Run from the project directory:  /usr/bin/python3 src/test/resources/org/magg/io/gridded/real_expected.py
It reads the sample files in ../shared/data and writes real_expected.json next to this script.
Times are decoded here with Python's datetime from the units string; values are the stored floats
(as float64); cells are addressed as (time, lat index, lon index) whatever the file's dimension order.
"""
import datetime as dt
import json
import os
import re

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "../../../../../../..", "..", "shared", "data"))

UNIT_SECONDS = {"minutes": 60, "hours": 3600, "seconds": 1, "days": 86400}


def decode_times(var):
    units = var.attrs["units"].decode() if isinstance(var.attrs["units"], bytes) else var.attrs["units"]
    m = re.match(r"(\w+) since (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})", units)
    ref = dt.datetime.strptime(m.group(2), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)
    step = UNIT_SECONDS[m.group(1)]
    return [(ref + dt.timedelta(seconds=int(v) * step)).strftime("%Y-%m-%dT%H:%M:%SZ") for v in var[...]]


def dim_names(h, var):
    return [h[ref[0]].name.rsplit("/", 1)[-1] for ref in var.attrs["DIMENSION_LIST"]]


def describe(path, variable, cells):
    with h5py.File(path, "r") as h:
        var = h[variable]
        group = variable.rsplit("/", 1)[0] + "/" if "/" in variable else ""
        dims = dim_names(h, var)
        data = var[...].astype(np.float64)
        # put in (time, lat, lon) order
        order = [dims.index("time"), dims.index("lat"), dims.index("lon")]
        data = np.transpose(data, order)
        fill = float(var.attrs["_FillValue"][0])
        masked = np.where(data == np.float32(fill), np.nan, data)
        lat = h[group + "lat"][...].astype(np.float64)
        lon = h[group + "lon"][...].astype(np.float64)
        out = {
            "file": os.path.relpath(path, os.path.join(DATA, "..")),
            "variable": variable,
            "dims": dims,
            "times": decode_times(h[group + "time"]),
            "lat_first": lat[:3].tolist(),
            "lat_last": float(lat[-1]),
            "n_lat": int(lat.size),
            "lon_first": lon[:3].tolist(),
            "lon_last": float(lon[-1]),
            "n_lon": int(lon.size),
            "fill": fill,
            "cells": [],
            "per_time": [],
        }
        for t, i, j in cells:
            out["cells"].append({"t": t, "i": i, "j": j, "value": float(masked[t, i, j])})
        for t in range(masked.shape[0]):
            valid = masked[t][~np.isnan(masked[t])]
            out["per_time"].append({"sum": float(valid.sum()), "valid": int(valid.size)})
        return out


def main():
    merra_geo = describe(
        os.path.join(DATA, "merra2/M2T1NXSLV_geo_temporal.nc4"), "PS",
        [(0, 0, 0), (0, 0, 16), (0, 20, 0), (1, 10, 8), (1, 20, 16), (1, 3, 11)])
    merra_full = describe(
        os.path.join(DATA, "merra2/M2T1NXSLV_temporal.nc4"), "PS",
        [(0, 0, 0), (0, 180, 288), (0, 360, 575), (1, 120, 352), (1, 140, 368), (1, 77, 401)])
    with h5py.File(os.path.join(DATA, "gpm/GPM_3IMERGHH_bounds.nc4"), "r") as h:
        p = h["Grid/precipitationCal"][0].astype(np.float64)  # (lon, lat)
        nz = np.argwhere(p > 0)
    # a few cells with rain, picked as (lat, lon) from the (lon, lat) array, and some dry ones
    picks = [(0, int(b), int(a)) for a, b in nz[:: max(1, len(nz) // 5)][:5]]
    picks += [(0, 0, 0), (0, 149, 0), (0, 0, 149), (0, 37, 101)]
    gpm = describe(os.path.join(DATA, "gpm/GPM_3IMERGHH_bounds.nc4"), "Grid/precipitationCal", picks)
    with open(os.path.join(HERE, "real_expected.json"), "w") as f:
        json.dump({"merra2_geo": merra_geo, "merra2_full": merra_full, "gpm": gpm}, f, indent=1)


if __name__ == "__main__":
    main()

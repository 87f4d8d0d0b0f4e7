"""A toy external model for the engine's tests, run as a separate process.

usage: toy_model.py MODE INPUTS OUTPUTS [SCRATCH]

Reads INPUTS/temperature.nc (time, lat, lon) and INPUTS/elevation.nc (lat, lon) and writes
OUTPUTS/risk.nc = temperature - 0.01 * elevation and OUTPUTS/peak.nc = the maximum over time of
temperature, both cut from the staged cells (tile plus halo) to the tile described in
INPUTS/request.json. MODE selects a behaviour:

  ok           as above; copies the staged inputs into SCRATCH when given
  fail         prints to stdout and stderr, exits with status 3
  sleep        starts a child process, writes its pid to SCRATCH/child.pid, sleeps
  missing      writes only peak.nc
  wrong-dims   writes risk with dimensions (time, lon, lat)
  wrong-name   writes the risk values under the name Risk
  shifted      writes risk with lat moved by one cell
"""

import json
import os
import shutil
import subprocess
import sys
import time


def main():
    mode, inputs, outputs = sys.argv[1], sys.argv[2], sys.argv[3]
    scratch = sys.argv[4] if len(sys.argv) > 4 else None
    if mode == "fail":
        print("toy model starting")
        print("toy model broke: no fuel map", file=sys.stderr)
        sys.exit(3)
    if mode == "sleep":
        child = subprocess.Popen(["sleep", "120"])
        with open(os.path.join(scratch, "child.pid"), "w") as f:
            f.write(str(child.pid))
        time.sleep(120)
        return

    import xarray as xr

    with open(os.path.join(inputs, "request.json")) as f:
        request = json.load(f)
    cut = request["cut"]
    tile = {
        "lat": slice(cut["lat"][0], cut["lat"][0] + cut["lat"][1]),
        "lon": slice(cut["lon"][0], cut["lon"][0] + cut["lon"][1]),
    }
    temperature = xr.open_dataset(os.path.join(inputs, "temperature.nc"), engine="scipy")
    elevation = xr.open_dataset(os.path.join(inputs, "elevation.nc"), engine="scipy")
    if scratch is not None and mode == "ok":
        for name in ("temperature.nc", "elevation.nc", "request.json"):
            shutil.copy(os.path.join(inputs, name), os.path.join(scratch, name))

    risk = (temperature["temperature"] - 0.01 * elevation["elevation"]).isel(tile)
    risk = risk.transpose("time", "lat", "lon").rename("risk")
    risk.attrs = {"units": "K"}
    peak = temperature["temperature"].max("time").isel(tile).rename("peak")

    if mode == "wrong-dims":
        risk = risk.transpose("time", "lon", "lat")
    elif mode == "wrong-name":
        risk = risk.rename("Risk")
    elif mode == "shifted":
        risk = risk.assign_coords(lat=risk["lat"] + (risk["lat"][1] - risk["lat"][0]))

    if mode != "missing":
        risk.to_dataset().to_netcdf(os.path.join(outputs, "risk.nc"), engine="scipy")
    peak.to_dataset().to_netcdf(os.path.join(outputs, "peak.nc"), engine="scipy")
    print("toy model wrote", sorted(os.listdir(outputs)))


if __name__ == "__main__":
    main()

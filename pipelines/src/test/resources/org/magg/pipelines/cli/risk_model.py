"""A toy fire-risk model for the engine's end-to-end tests, run as a separate process.

usage: risk_model.py MODE SCALE INPUTS OUTPUTS

Reads INPUTS/heat_index.nc (time, lat, lon) and writes OUTPUTS/risk.nc with
risk = (heat_index - 280) / SCALE over the region described in INPUTS/request.json.
MODE "fail" prints a line to stderr and exits with status 3 instead.
"""

import json
import os
import sys


def main():
    mode, scale, inputs, outputs = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
    if mode == "fail":
        print("risk model broke: no fuel map", file=sys.stderr)
        sys.exit(3)

    import xarray as xr

    with open(os.path.join(inputs, "request.json")) as f:
        cut = json.load(f)["cut"]
    region = {
        "lat": slice(cut["lat"][0], cut["lat"][0] + cut["lat"][1]),
        "lon": slice(cut["lon"][0], cut["lon"][0] + cut["lon"][1]),
    }
    heat = xr.open_dataset(os.path.join(inputs, "heat_index.nc"), engine="scipy")["heat_index"]
    risk = ((heat - 280.0) / scale).isel(region).transpose("time", "lat", "lon").rename("risk")
    risk.attrs = {"units": "1"}
    risk.to_dataset().to_netcdf(os.path.join(outputs, "risk.nc"), engine="scipy")
    print("risk model wrote risk.nc")


if __name__ == "__main__":
    main()

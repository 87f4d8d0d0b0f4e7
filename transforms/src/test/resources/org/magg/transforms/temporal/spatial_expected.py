#!/usr/bin/env python3
"""Expected results of the temporal pipeline's spatial functions, computed with xarray and numpy
the way magg's temporal.py states them (xarray's differentiate for the gradient, skipna sums),
independently of magg-beam. Writes spatial_expected.json beside this file.

Run: /usr/bin/python3 src/test/resources/org/magg/transforms/temporal/spatial_expected.py
(needs Debian's python3-xarray and python3-numpy)
"""
import json
import os

import numpy as np
import xarray as xr

rng = np.random.default_rng(20240101)
cases = []
for case in range(6):
    nlat, nlon, nlev = 7 + case, 9 + case, 3
    # non-uniform latitudes (southern hemisphere) and uniform longitudes
    lat = np.sort(-85 + 40 * rng.random(nlat))
    lon = np.linspace(-30, 30, nlon)
    var = rng.normal(1000, 50, size=(nlat, nlon))
    var[rng.random((nlat, nlon)) < 0.05] = np.nan
    var3 = rng.normal(-0.5, 0.3, size=(nlev, nlat, nlon))
    var3[rng.random((nlev, nlat, nlon)) < 0.1] = np.nan
    mask = (rng.random((nlat, nlon)) < 0.4).astype(float)
    if case == 5:
        mask[:] = 0.0
    areas = np.cos(np.radians(lat))[:, None] * np.ones((nlat, nlon)) * 1e3

    v = xr.DataArray(var, dims=("lat", "lon"), coords={"lat": lat, "lon": lon})
    v3 = xr.DataArray(var3, dims=("lev", "lat", "lon"), coords={"lat": lat, "lon": lon})
    m = xr.DataArray(mask, dims=("lat", "lon"), coords={"lat": lat, "lon": lon})
    a = xr.DataArray(areas, dims=("lat", "lon"), coords={"lat": lat, "lon": lon})

    inside = (v * m).values[m.values > 0]
    vmax = float(np.nanmax(inside)) if len(inside) and not np.all(np.isnan(inside)) else None
    masked = v.where(m > 0)
    vals = masked.values[~np.isnan(masked.values)]
    vmin = float(np.nanmin(vals)) if len(vals) else None
    wsum = float((v * m * a).sum().values)
    wmean = [float((v * m * a).sum().values), float((a * m).sum().values)]
    if (m == 0).all().values:
        grad = None
    else:
        rads = v.assign_coords(lon=np.radians(v.lon), lat=np.radians(v.lat))
        r = 6378
        lat_p = rads.differentiate("lat") / r
        lon_p = rads.differentiate("lon") / (np.sin(rads.lat) * r)
        mag = np.sqrt(lon_p ** 2 + lat_p ** 2)
        g = mag.values * m.values
        nz = g[m.values > 0]
        grad = float(np.nanmax(nz)) if len(nz) and not np.all(np.isnan(nz)) else None
    v2d = v3.min("lev")
    wt = float((a * m).sum().values)
    if wt == 0:
        mol = [None, None]
    else:
        mol = [float((v2d * m * a).sum().values), wt]

    def clean(x):
        return None if x is None or (isinstance(x, float) and np.isnan(x)) else x

    cases.append({
        "lat": lat.tolist(), "lon": lon.tolist(),
        "values": [None if np.isnan(x) else x for x in var.ravel().tolist()],
        "values3": [None if np.isnan(x) else x for x in var3.ravel().tolist()],
        "levels": nlev,
        "mask": mask.ravel().tolist(), "areas": areas.ravel().tolist(),
        "max": clean(vmax), "min": clean(vmin), "weighted_sum": wsum,
        "weighted_mean": wmean, "max_gradient": clean(grad),
        "min_over_levels": [clean(x) for x in mol],
    })

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "spatial_expected.json"), "w") as f:
    json.dump({"cases": cases}, f)
print(f"{len(cases)} cases")

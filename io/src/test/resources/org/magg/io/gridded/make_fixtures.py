"""Writes the small NetCDF fixtures of the gridded tests with ncgen (netcdf-bin), from CDL.

Run from this directory at development time:  python3 make_fixtures.py
The .cdl sources and the .nc/.nc4 files ncgen writes are committed; the tests compute their
expected values from the formulas below, not from these files.

packed_lev.nc (NetCDF-3 classic, CDF-1): time (unlimited, 3) x lev 2 x lat 3 x lon 5
  t(time, lev, lat, lon) short, stored 1000*t + 100*k + 10*y + x, scale_factor 0.5,
      add_offset 200, _FillValue -32767 at (1, 1, 2, 4) and (2, 0, 0, 0)
  ps(time, lat, lon) short, stored 100*t + 10*y + x + 1, scale_factor 2, add_offset 50000,
      missing_value -1 at (0, 1, 1), valid_range [0, 30000] (30001 stored at (2, 2, 4))
  mask(lat, lon) byte (y * 5 + x) % 2;  time = 0, 6, 12.5 hours since 2000-01-01
transposed.nc4 (NetCDF-4): group Grid, dims time 2, lon 5, lat 3, lev 2
  precip(time, lon, lat) float t*100 + x*10 + y + 0.25 (x: lon index, y: lat index),
      _FillValue -9999.9 at (t=0, x=4, y=2) and (t=1, x=0, y=0); chunked 1 x 5 x 3, deflate
  w(time, lev, lat, lon) short, stored 1000*t + 100*k + 10*y + x, scale 0.01, offset -1,
      _FillValue -32768 at (1, 1, 1, 1); chunked 1 x 1 x 3 x 5, deflate
  time = 1577880000, 1577881800 seconds since 1970-01-01 (calendar gregorian)
coll/dayD.nc (D = 1, 2, 3; NetCDF-3, day 2 in the 64-bit offset variant): time (unlimited, 4)
  x lat 2 x lon 3; time = 0, 60, 120, 180 minutes since 2021-01-0D 00:30:00;
  T(time, lat, lon) float 1000*D + 10*h + (3*y + x);  Q(time, lat, lon) double -T / 4
coll_extra/novar.nc: as day 4 but without Q.
sparse.h5 (plain HDF5 written with h5py, dimension scales attached with h5py's dims API):
  time 4 (hours since 2021-01-01 00:00:00), lat 3, lon 5; v(time, lat, lon) float32 chunked
  1 x 3 x 5, fill value -1 (also _FillValue), only timesteps 0 and 2 written (v = 10 t + y + 0.5 x),
  so the chunks of timesteps 1 and 3 were never written and read as the fill value.
Run with /usr/bin/python3 (h5py).
"""
import os
import subprocess

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def fmt(values):
    return ", ".join(values)


def ncgen(cdl_name, kind, out_name, text):
    cdl = os.path.join(HERE, cdl_name)
    os.makedirs(os.path.dirname(cdl), exist_ok=True)
    with open(cdl, "w") as f:
        f.write(text)
    out = os.path.join(HERE, out_name)
    subprocess.run(["ncgen", "-k", kind, "-o", out, cdl], check=True)


def packed_lev():
    t_vals, ps_vals, mask = [], [], []
    for t in range(3):
        for k in range(2):
            for y in range(3):
                for x in range(5):
                    fill = (t, k, y, x) in [(1, 1, 2, 4), (2, 0, 0, 0)]
                    t_vals.append("_" if fill else str(1000 * t + 100 * k + 10 * y + x))
        for y in range(3):
            for x in range(5):
                v = 100 * t + 10 * y + x + 1
                if (t, y, x) == (0, 1, 1):
                    v = -1
                if (t, y, x) == (2, 2, 4):
                    v = 30001
                ps_vals.append(str(v))
    for y in range(3):
        for x in range(5):
            mask.append(str((y * 5 + x) % 2))
    ncgen("packed_lev.cdl", "classic", "packed_lev.nc", f"""netcdf packed_lev {{
dimensions:
  time = UNLIMITED ;
  lev = 2 ;
  lat = 3 ;
  lon = 5 ;
variables:
  double time(time) ;
    time:units = "hours since 2000-01-01 00:00:00" ;
    time:calendar = "standard" ;
  float lev(lev) ;
    lev:units = "hPa" ;
  double lat(lat) ;
  double lon(lon) ;
  short t(time, lev, lat, lon) ;
    t:scale_factor = 0.5 ;
    t:add_offset = 200. ;
    t:_FillValue = -32767s ;
  short ps(time, lat, lon) ;
    ps:scale_factor = 2.f ;
    ps:add_offset = 50000.f ;
    ps:missing_value = -1s ;
    ps:valid_range = 0s, 30000s ;
  byte mask(lat, lon) ;
data:
  time = 0, 6, 12.5 ;
  lev = 1000, 850 ;
  lat = -10, 0, 10 ;
  lon = 0, 90, 180, 270, 359.5 ;
  t = {fmt(t_vals)} ;
  ps = {fmt(ps_vals)} ;
  mask = {fmt(mask)} ;
}}
""")


def transposed():
    precip, w = [], []
    for t in range(2):
        for x in range(5):
            for y in range(3):
                fill = (t, x, y) in [(0, 4, 2), (1, 0, 0)]
                precip.append("_" if fill else repr(t * 100 + x * 10 + y + 0.25))
        for k in range(2):
            for y in range(3):
                for x in range(5):
                    fill = (t, k, y, x) == (1, 1, 1, 1)
                    w.append("_" if fill else str(1000 * t + 100 * k + 10 * y + x))
    ncgen("transposed.cdl", "nc4", "transposed.nc4", f"""netcdf transposed {{
group: Grid {{
dimensions:
  time = 2 ;
  lon = 5 ;
  lat = 3 ;
  lev = 2 ;
variables:
  int time(time) ;
    time:units = "seconds since 1970-01-01 00:00:00 UTC" ;
    time:calendar = "gregorian" ;
  float lon(lon) ;
  float lat(lat) ;
  double lev(lev) ;
  float precip(time, lon, lat) ;
    precip:_FillValue = -9999.9f ;
    precip:_Storage = "chunked" ;
    precip:_ChunkSizes = 1, 5, 3 ;
    precip:_DeflateLevel = 4 ;
  short w(time, lev, lat, lon) ;
    w:scale_factor = 0.01 ;
    w:add_offset = -1. ;
    w:_FillValue = -32768s ;
    w:_Storage = "chunked" ;
    w:_ChunkSizes = 1, 1, 3, 5 ;
    w:_DeflateLevel = 4 ;
data:
  time = 1577880000, 1577881800 ;
  lon = -30, -29.9, -29.8, -29.7, -29.6 ;
  lat = 30, 30.1, 30.2 ;
  lev = 500, 250 ;
  precip = {fmt(precip)} ;
  w = {fmt(w)} ;
}}
}}
""")


def day(d, name, kind, with_q=True):
    T, Q = [], []
    for h in range(4):
        for y in range(2):
            for x in range(3):
                v = 1000 * d + 10 * h + 3 * y + x
                T.append(str(v))
                Q.append(repr(-v / 4))
    q_decl = "  double Q(time, lat, lon) ;\n    Q:units = \"kg kg-1\" ;\n" if with_q else ""
    q_data = f"  Q = {fmt(Q)} ;\n" if with_q else ""
    ncgen(name + ".cdl", kind, name + ".nc", f"""netcdf day {{
dimensions:
  time = UNLIMITED ;
  lat = 2 ;
  lon = 3 ;
variables:
  int time(time) ;
    time:units = "minutes since 2021-01-0{d} 00:30:00" ;
  double lat(lat) ;
  double lon(lon) ;
  float T(time, lat, lon) ;
    T:units = "K" ;
    T:_FillValue = 1.e+15f ;
{q_decl}data:
  time = 0, 60, 120, 180 ;
  lat = -60, -59.5 ;
  lon = 0, 0.625, 1.25 ;
  T = {fmt(T)} ;
{q_data}}}
""")


def sparse():
    import h5py

    with h5py.File(os.path.join(HERE, "sparse.h5"), "w") as f:
        time = f.create_dataset("time", data=np.arange(4, dtype="f8"))
        time.attrs["units"] = "hours since 2021-01-01 00:00:00"
        lat = f.create_dataset("lat", data=np.array([10.0, 20.0, 30.0]))
        lon = f.create_dataset("lon", data=np.array([0.0, 1.0, 2.0, 3.0, 4.0]))
        v = f.create_dataset("v", shape=(4, 3, 5), dtype="f4", chunks=(1, 3, 5), fillvalue=-1.0)
        v.attrs["_FillValue"] = np.array([-1.0], dtype="f4")
        for t in (0, 2):
            v[t] = np.array([[10 * t + y + 0.5 * x for x in range(5)] for y in range(3)], dtype="f4")
        for ds, name in ((time, "time"), (lat, "lat"), (lon, "lon")):
            ds.make_scale(name)
        v.dims[0].attach_scale(time)
        v.dims[1].attach_scale(lat)
        v.dims[2].attach_scale(lon)


if __name__ == "__main__":
    sparse()
    packed_lev()
    transposed()
    day(1, "coll/day1", "classic")
    day(2, "coll/day2", "64-bit offset")
    day(3, "coll/day3", "classic")
    day(4, "coll_extra/novar", "classic", with_q=False)

#!/usr/bin/env python3
"""Expected values of a few variables of ../shared/data/points/madis-sao.nc (NetCDF-3 classic),
read by Unidata's ncdump (Debian netcdf-bin), independently of magg-beam. Writes
madis_expected.json beside this file. Fill values are kept as ncdump prints them ("_").

Run from the project root: /usr/bin/python3 src/test/resources/org/magg/io/netcdf/madis_expected.py
"""
import json
import os
import re
import subprocess

FILE = "../shared/data/points/madis-sao.nc"
NUMERIC = ["latitude", "longitude", "elevation", "temperature", "dewpoint", "windSpeed",
           "timeObs", "wmoId", "nStaticIds", "skyLayerBase", "lastRecord"]
TEXT = ["stationName", "staticIds"]


def dump(var):
    out = subprocess.run(["ncdump", "-p", "9,17", "-v", var, FILE], check=True,
                         capture_output=True, text=True).stdout
    data = out[out.index("data:"):]
    body = data[data.index(var + " =") + len(var) + 2:data.rindex(";")]
    return body


def numbers(var):
    body = dump(var)
    vals = []
    for tok in re.split(r"[,\s]+", body.strip()):
        if not tok:
            continue
        vals.append(None if tok == "_" else float(tok))
    return vals


def strings(var):
    body = dump(var)
    return re.findall(r'"((?:[^"\\]|\\.)*)"', body)


def header():
    out = subprocess.run(["ncdump", "-h", FILE], check=True, capture_output=True,
                         text=True).stdout
    m = re.search(r"UNLIMITED ; // \((\d+) currently\)", out)
    return int(m.group(1))


result = {"records": header(),
          "numeric": {v: numbers(v) for v in NUMERIC},
          "text": {v: strings(v) for v in TEXT}}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "madis_expected.json"), "w") as f:
    json.dump(result, f)
print({k: len(v) for k, v in result["numeric"].items()}, result["records"])

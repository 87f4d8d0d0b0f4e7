#!/usr/bin/env python3
"""Generate numpy reference values for the aggregation tests.

Writes numpy_reference.json next to this script. Each cell holds float32
columns (written as their shortest float32 text; readers widen them with
(double)(float)value, as a reader of float32 HDF5 data does) and, for every
variable spec, the value numpy computes in float64 from those points.

The expected values are computed the way magg dispatches a variable:
``len``/``count`` is the number of points; any other ``function`` is
``getattr(np, name)(values, **params)`` where a string param naming columns is
evaluated as an expression; an ``expression`` is ``eval``'d with ``np``,
``numpy``, ``len``, ``abs`` and ``sum`` and the columns in scope.

Run with the system numpy:  python3 generate_numpy_reference.py
"""

import json
import math
import os
import warnings

import numpy as np

SEED = 20240611
N_RANDOM_CELLS = 300
COLUMNS = ["h_li", "s_li", "t", "m"]

QS = [0.0, 0.1, 0.25, 1.0 / 3.0, 0.5, 0.75, 0.9, 0.99, 1.0]

VARIABLES = [
    {"name": "count", "function": "len", "source": "h_li"},
    {"name": "count2", "function": "count", "source": "s_li"},
    {"name": "h_min", "function": "min", "source": "h_li"},
    {"name": "h_max", "function": "max", "source": "h_li"},
    {"name": "h_amin", "function": "np.amin", "source": "h_li"},
    {"name": "t_max", "function": "numpy.max", "source": "t"},
    {"name": "h_sum", "function": "sum", "source": "h_li"},
    {"name": "t_sum", "function": "sum", "source": "t"},
    {"name": "h_mean", "function": "mean", "source": "h_li"},
    {"name": "h_avg", "function": "average", "source": "h_li"},
    {"name": "h_wmean", "function": "average", "source": "h_li",
     "params": {"weights": "1.0 / s_li**2"}},
    {"name": "h_wmean_s", "function": "average", "source": "h_li", "params": {"weights": "s_li"}},
    {"name": "t_wmean", "function": "average", "source": "t",
     "params": {"weights": "np.exp(-s_li) + np.abs(t)"}},
    {"name": "h_var", "function": "var", "source": "h_li"},
    {"name": "h_var1", "function": "var", "source": "h_li", "params": {"ddof": 1}},
    {"name": "t_var", "function": "var", "source": "t"},
    {"name": "h_std", "function": "std", "source": "h_li"},
    {"name": "s_std1", "function": "std", "source": "s_li", "params": {"ddof": 1}},
    {"name": "h_median", "function": "median", "source": "h_li"},
    {"name": "t_median", "function": "median", "source": "t"},
    {"name": "h_p90", "function": "percentile", "source": "h_li", "params": {"q": 90}},
    {"name": "t_p37", "function": "percentile", "source": "t", "params": {"q": 37.5}},
    {"name": "m_nanmin", "function": "nanmin", "source": "m"},
    {"name": "m_nanmax", "function": "nanmax", "source": "m"},
    {"name": "m_nansum", "function": "nansum", "source": "m"},
    {"name": "m_nanmean", "function": "nanmean", "source": "m"},
    {"name": "m_nanvar", "function": "nanvar", "source": "m"},
    {"name": "m_nanvar1", "function": "nanvar", "source": "m", "params": {"ddof": 1}},
    {"name": "m_nanstd", "function": "nanstd", "source": "m"},
    {"name": "m_nanmedian", "function": "nanmedian", "source": "m"},
    {"name": "m_nanq25", "function": "nanquantile", "source": "m", "params": {"q": 0.25}},
    {"name": "m_nanp80", "function": "nanpercentile", "source": "m", "params": {"q": 80}},
    {"name": "m_min", "function": "min", "source": "m"},
    {"name": "m_mean", "function": "mean", "source": "m"},
    {"name": "m_q50", "function": "quantile", "source": "m", "params": {"q": 0.5}},
    {"name": "h_sigma", "expression": "1.0 / np.sqrt(np.sum(1.0 / s_li**2))"},
    {"name": "e_std", "expression": "np.sqrt(np.mean((h_li - np.mean(h_li))**2))"},
    {"name": "e_var", "expression": "np.sum((h_li - np.mean(h_li))**2) / len(h_li)"},
    {"name": "e_lse", "expression": "np.log(np.sum(np.exp(-s_li * 10)))"},
    {"name": "e_absrange", "expression": "np.max(np.abs(t)) - np.min(np.abs(t))"},
    {"name": "e_neg_sq", "expression": "np.sum(-h_li**2 + 2**-1 * h_li) / len(h_li)"},
    {"name": "e_pow_chain", "expression": "len(h_li) * np.mean(s_li) / 2**3**0.5"},
    {"name": "e_builtin_sum", "expression": "sum(h_li * s_li) / sum(s_li)"},
    {"name": "e_geomean", "expression": "np.exp(np.mean(np.log(s_li)))"},
    {"name": "e_numpy_range", "expression": "numpy.max(h_li) - numpy.min(h_li) + abs(-3)"},
    {"name": "e_consts", "expression": "np.pi * np.mean(s_li)**2 + np.e"},
    {"name": "e_unary_pow", "expression": "-np.mean(s_li)**2"},
    {"name": "e_nested", "expression": "np.mean(h_li - np.mean(h_li - np.mean(h_li)))"},
    {"name": "e_one", "expression": "np.sum(s_li) / len(s_li) - np.mean(s_li) + 1"},
    {"name": "e_literals", "expression": "np.sum(h_li * 1e-3 + 1E2) - .5"},
    {"name": "e_logmeanexp", "expression": "np.log(np.mean(np.exp(-np.abs(t))))"},
    {"name": "e_sqrt_sum", "expression": "np.sum(h_li) ** 0.5"},
    {"name": "e_recip", "expression": "np.mean(s_li ** -1)"},
    {"name": "e_root", "expression": "np.mean(s_li ** 0.5)"},
    {"name": "e_cube", "expression": "np.mean(s_li ** 3)"},
    {"name": "e_pow0", "expression": "np.mean(t ** 0)"},
    {"name": "e_frac_pow", "expression": "np.mean(t ** 2.5)"},
    {"name": "e_norm3", "expression": "np.sum(np.abs(t) ** 3) ** (1 / 3)"},
    {"name": "e_minmax", "expression": "np.min(h_li / s_li) + np.max(-h_li)"},
    {"name": "e_ratio", "expression": "np.min(s_li) / np.max(s_li)"},
    {"name": "e_parens", "expression": "(np.max(h_li) - (np.min(h_li) - 1)) * (2 - -1)"},
    {"name": "e_m_sum", "expression": "np.sum(m)"},
    {"name": "e_m_max", "expression": "np.max(m) + len(m)"},
    {"name": "e_absolute", "expression": "np.mean(np.absolute(t)) + np.amax(t) - np.amin(t)"},
]
for q in QS:
    VARIABLES.append({"name": "h_q%s" % repr(q), "function": "quantile", "source": "h_li",
                      "params": {"q": q}})
    VARIABLES.append({"name": "t_q%s" % repr(q), "function": "quantile", "source": "t",
                      "params": {"q": q}})


def f32(values):
    return np.asarray(values, dtype=np.float32)


def random_cell(rng):
    n = int(rng.integers(1, 51))
    kind = rng.random()
    if kind < 0.15:
        # many ties
        h = np.round(rng.normal(100.0, 3.0, n))
    else:
        h = rng.normal(rng.uniform(-50.0, 3000.0), rng.uniform(0.01, 30.0), n)
    s = rng.uniform(0.01, 0.5, n)
    t = rng.normal(0.0, 2.0, n)
    m = h.copy()
    if rng.random() < 0.1:
        m[:] = np.nan
    else:
        m[rng.random(n) < 0.25] = np.nan
    return {"h_li": f32(h), "s_li": f32(s), "t": f32(t), "m": f32(m)}


def special_cells():
    cells = []

    def cell(h, s=None, t=None, m=None):
        n = len(h)
        s = [0.1] * n if s is None else s
        t = [1.0] * n if t is None else t
        m = h if m is None else m
        return {"h_li": f32(h), "s_li": f32(s), "t": f32(t), "m": f32(m)}

    # the worked example of the test plan
    cells.append(cell([120.5, 118.3, 122.1, 119.7, 121.0], s=[0.05, 0.10, 0.03, 0.08, 0.06],
                      t=[-1.5, 0.25, 2.0, -0.75, 3.5]))
    cells.append(cell([42.0]))
    cells.append(cell([1.0, 2.0]))
    cells.append(cell([7.0, 7.0, 7.0, 7.0]))
    cells.append(cell([1.0, np.nan, 3.0], m=[np.nan, np.nan, np.nan]))
    cells.append(cell([1.0, np.inf, 3.0], m=[np.nan, 2.0, np.inf]))
    cells.append(cell([-np.inf, 1.0, 2.0, 3.0], m=[1.0, -np.inf, np.nan, 4.0]))
    cells.append(cell([np.inf]))
    cells.append(cell([1.0, 2.0, np.inf], t=[-1.0, 0.0, 1.0]))
    cells.append(cell([-np.inf, np.inf]))
    cells.append(cell([0.0, -0.0, 0.0], t=[0.0, -0.0, 2.0]))
    cells.append(cell([1e30, -1e30, 1.0, 1e-30]))
    return cells


def namespace(cols):
    return {"__builtins__": {}, "np": np, "numpy": np, "len": len, "abs": abs, "sum": sum, **cols}


def evaluate(spec, cols):
    """magg's dispatch, restated."""
    if "expression" in spec:
        return float(eval(spec["expression"], namespace(cols)))
    name = spec["function"]
    values = cols[spec["source"]]
    if name in ("len", "count"):
        return float(len(values))
    if name.startswith("np."):
        name = name[3:]
    elif name.startswith("numpy."):
        name = name[6:]
    params = {}
    for key, value in spec.get("params", {}).items():
        if isinstance(value, str) and any(c in value for c in cols):
            params[key] = eval(value, namespace(cols))
        else:
            params[key] = value
    return float(getattr(np, name)(values, **params))


def as_text_number(x):
    """The shortest float32 text of x, as a Python float (exactly representable as float32)."""
    return float(repr(np.float32(x))) if np.isfinite(x) else float(x)


def main():
    rng = np.random.default_rng(SEED)
    raw = special_cells() + [random_cell(rng) for _ in range(N_RANDOM_CELLS)]
    out_cells = []
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for c in raw:
            cols = {k: c[k].astype(np.float64) for k in COLUMNS}
            expected = {spec["name"]: evaluate(spec, cols) for spec in VARIABLES}
            stored = {k: [as_text_number(v) for v in c[k]] for k in COLUMNS}
            # the text must widen back to exactly the float32 the values were computed from
            for k in COLUMNS:
                back = np.array(stored[k], dtype=np.float32).astype(np.float64)
                assert np.array_equal(back, cols[k], equal_nan=True), k
            out_cells.append({"columns": stored, "expected": expected})
    doc = {
        "description": "numpy float64 reference values for org.magg.transforms.aggregation tests;"
                       " generated by generate_numpy_reference.py",
        "numpy_version": np.__version__,
        "seed": SEED,
        "columns": COLUMNS,
        "variables": VARIABLES,
        "cells": out_cells,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy_reference.json")
    with open(path, "w") as f:
        f.write("{\n")
        keys = [k for k in doc if k != "cells"]
        for k in keys:
            f.write("%s: %s,\n" % (json.dumps(k), json.dumps(doc[k])))
        f.write('"cells": [\n')
        f.write(",\n".join(json.dumps(c, allow_nan=True) for c in out_cells))
        f.write("\n]\n}\n")
    print("wrote %d cells x %d variables to %s" % (len(out_cells), len(VARIABLES), path))


if __name__ == "__main__":
    main()

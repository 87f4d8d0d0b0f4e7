// Independent Zarr reader (zarrita.js) used by the Java tests.
//
// Usage:
//   node check.mjs --store DIR [--format v2|v3] [--consolidated]
//                  [--group PATH]... [--array PATH]...
//
// Prints one JSON document to stdout:
//   {
//     "reader": "zarrita", "version": "...",
//     "contents": [{"path": "/x", "kind": "array"}, ...]   (only with --consolidated)
//     "groups": {"PATH": {"attrs": {...}}},
//     "arrays": {"PATH": {"shape": [...], "chunks": [...], "dtype": "int32",
//                         "fill_value": ..., "dimension_names": [...] | null,
//                         "attrs": {...}, "values": [...]}}
//   }
// Values are flattened in C order. 64-bit integers are printed as decimal
// strings so that no precision is lost; NaN and infinities as the strings
// "NaN", "Infinity" and "-Infinity".
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";
import { readFileSync } from "node:fs";

function parseArgs(argv) {
  const opts = { store: null, format: null, consolidated: false, groups: [], arrays: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value after ${a}`);
      return argv[++i];
    };
    switch (a) {
      case "--store": opts.store = next(); break;
      case "--format": opts.format = next(); break;
      case "--consolidated": opts.consolidated = true; break;
      case "--group": opts.groups.push(next()); break;
      case "--array": opts.arrays.push(next()); break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!opts.store) throw new Error("--store is required");
  if (opts.format && opts.format !== "v2" && opts.format !== "v3") {
    throw new Error(`--format must be v2 or v3, got ${opts.format}`);
  }
  return opts;
}

function toJsonValue(v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "-Infinity";
    return v;
  }
  return v;
}

function flatValues(chunk) {
  const data = chunk.data;
  const read = typeof data.get === "function" && !ArrayBuffer.isView(data)
    ? (i) => data.get(i)
    : (i) => data[i];
  const shape = chunk.shape;
  const stride = chunk.stride;
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Array(size);
  // Walk the logical index in C order and map it through the chunk's strides,
  // so arrays stored in F order are printed in C order too.
  const idx = new Array(shape.length).fill(0);
  for (let n = 0; n < size; n++) {
    let offset = 0;
    for (let d = 0; d < shape.length; d++) offset += idx[d] * stride[d];
    out[n] = toJsonValue(read(offset));
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

function nodePath(p) {
  if (p === "" || p === "/") return "/";
  return p.startsWith("/") ? p : `/${p}`;
}

function zarritaVersion() {
  try {
    const url = new URL("./node_modules/zarrita/package.json", import.meta.url);
    return JSON.parse(readFileSync(url, "utf8")).version;
  } catch {
    return "unknown";
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let store = new FileSystemStore(opts.store);
  const result = { reader: "zarrita", version: zarritaVersion(), groups: {}, arrays: {} };
  if (opts.consolidated) {
    const consolidatedOpts = opts.format ? { format: opts.format } : undefined;
    store = await zarr.withConsolidatedMetadata(store, consolidatedOpts);
    result.contents = store.contents();
  }
  const openNode = (loc, kind) => {
    if (opts.format === "v2") return zarr.open.v2(loc, { kind });
    if (opts.format === "v3") return zarr.open.v3(loc, { kind });
    return zarr.open(loc, { kind });
  };
  const root = zarr.root(store);
  for (const g of opts.groups) {
    const group = await openNode(root.resolve(nodePath(g)), "group");
    result.groups[g] = { attrs: group.attrs };
  }
  for (const a of opts.arrays) {
    const arr = await openNode(root.resolve(nodePath(a)), "array");
    const chunk = await zarr.get(arr);
    result.arrays[a] = {
      shape: arr.shape,
      chunks: arr.chunks,
      dtype: arr.dtype,
      fill_value: toJsonValue(arr.fillValue),
      dimension_names: arr.dimensionNames ?? null,
      attrs: arr.attrs,
      values: flatValues(chunk),
    };
  }
  process.stdout.write(JSON.stringify(result));
  process.stdout.write("\n");
}

main().catch((err) => {
  process.stderr.write(`zarr-check failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});

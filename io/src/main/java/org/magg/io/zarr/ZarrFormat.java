package org.magg.io.zarr;

/** The two on-disk versions of the Zarr format. */
public enum ZarrFormat {
  /** Zarr v2: {@code .zarray}, {@code .zgroup}, {@code .zattrs} and {@code .zmetadata}. */
  V2,
  /** Zarr v3: one {@code zarr.json} per node. */
  V3;

  /** The value of the {@code zarr_format} metadata field. */
  public int number() {
    return this == V2 ? 2 : 3;
  }
}

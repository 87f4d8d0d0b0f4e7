package org.magg.pipelines.inspect;

import java.io.IOException;
import java.io.InputStream;
import org.magg.io.storage.Storage;
import uk.ac.bristol.star.cdf.CdfReader;

/** The kinds of output {@code magg inspect} and {@code magg plot} read, told apart by content. */
public enum OutputKind {
  /** A Zarr v2 or v3 store: {@code zarr.json}, {@code .zgroup} or {@code .zarray} at its root. */
  ZARR("Zarr store"),
  /** A NASA CDF file (its magic number). */
  CDF("CDF file"),
  /** An event run's output directory: {@code lifecycle.csv} (and catalog.json, tracks.csv). */
  EVENT_OUTPUT("event output directory"),
  /** A temporal run's output directory: {@code events.csv}. */
  TEMPORAL_OUTPUT("temporal output directory"),
  /** An engine cube root: {@code catalog.sqlite} beside the variables' stores. */
  CUBE("engine cube"),
  /** A data assimilation run written by {@code magg da lorenz96 --output}: {@code rmse.csv}. */
  DA_RUN("DA run directory");

  /** What every kind is recognised by, for the message about a path that is none of them. */
  static final String EXPECTED =
      "expected a Zarr store (zarr.json, .zgroup or .zarray), a CDF file, an event output"
          + " directory (lifecycle.csv), a temporal output directory (events.csv), an engine cube"
          + " (catalog.sqlite) or a DA run directory (rmse.csv)";

  private final String description;

  OutputKind(String description) {
    this.description = description;
  }

  /** What it is, in words ("Zarr store"). */
  public String description() {
    return description;
  }

  /**
   * The kind of output at {@code location}.
   *
   * @throws IllegalArgumentException naming the location when nothing is there or it is none of the
   *     kinds, with what was expected
   */
  public static OutputKind detect(String location, Storage storage) throws IOException {
    if (storage.exists(location)) {
      if (isCdf(location, storage)) {
        return CDF;
      }
      throw new IllegalArgumentException(location + ": not an output magg reads; " + EXPECTED);
    }
    for (String marker : new String[] {"zarr.json", ".zgroup", ".zarray"}) {
      if (storage.exists(Storage.join(location, marker))) {
        return ZARR;
      }
    }
    if (storage.exists(Storage.join(location, "lifecycle.csv"))) {
      return EVENT_OUTPUT;
    }
    if (storage.exists(Storage.join(location, "events.csv"))) {
      return TEMPORAL_OUTPUT;
    }
    if (storage.exists(Storage.join(location, "catalog.sqlite"))) {
      return CUBE;
    }
    if (storage.exists(Storage.join(location, "rmse.csv"))) {
      return DA_RUN;
    }
    if (!storage.directoryExists(location)) {
      throw new IllegalArgumentException(location + ": no such file or directory; " + EXPECTED);
    }
    throw new IllegalArgumentException(location + ": not an output magg reads; " + EXPECTED);
  }

  private static boolean isCdf(String location, Storage storage) throws IOException {
    try (InputStream in = storage.open(location)) {
      byte[] head = in.readNBytes(8);
      return head.length == 8 && CdfReader.isMagic(head);
    }
  }
}

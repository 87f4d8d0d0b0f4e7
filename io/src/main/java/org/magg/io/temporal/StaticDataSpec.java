package org.magg.io.temporal;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.magg.io.storage.Storage;

/**
 * Where the static fields of an event run come from. File references are {@code "file#variable"} (a
 * local path, {@code file:} URI or {@code s3://} URL, then the variable); relative paths are taken
 * as given (relative to the working directory) unless {@link #resolvedAgainst} is used.
 *
 * @param regionMasks region name (for example {@code ais}) to {@code "file#variable"}: a {@code
 *     (lat, lon)} variable whose nonzero, non-NaN cells are in the region
 * @param cellAreas {@code "file#variable"}, {@link #COMPUTED} for spherical areas of the grid's
 *     cells in km² ({@link FieldGrid#sphericalCellAreasKm2()}), or null for none
 * @param climatology a file holding monthly climatology variables by name, each with a 12-step time
 *     axis (one step per calendar month), or null for none
 */
public record StaticDataSpec(Map<String, String> regionMasks, String cellAreas, String climatology)
    implements Serializable {

  /** The {@code cellAreas} value that computes areas from the grid. */
  public static final String COMPUTED = "computed";

  public StaticDataSpec {
    TreeMap<String, String> m = new TreeMap<>();
    if (regionMasks != null) {
      for (Map.Entry<String, String> e : regionMasks.entrySet()) {
        if (e.getKey() == null || e.getKey().isBlank()) {
          throw new IllegalArgumentException("static data: a region mask has no name");
        }
        FileVariable.parse("region mask '" + e.getKey() + "'", e.getValue());
        m.put(e.getKey(), e.getValue());
      }
    }
    regionMasks = Collections.unmodifiableMap(m);
    if (cellAreas != null && cellAreas.isBlank()) {
      cellAreas = null;
    }
    if (cellAreas != null && !cellAreas.equals(COMPUTED)) {
      FileVariable.parse("cell areas", cellAreas);
    }
    if (climatology != null && climatology.isBlank()) {
      climatology = null;
    }
  }

  /**
   * The same spec with relative file paths resolved against {@code base} (a file, say a config).
   */
  public StaticDataSpec resolvedAgainst(String base) {
    TreeMap<String, String> m = new TreeMap<>();
    regionMasks.forEach((k, v) -> m.put(k, FileVariable.parse(k, v).resolvedAgainst(base).text()));
    String areas =
        cellAreas == null || cellAreas.equals(COMPUTED)
            ? cellAreas
            : FileVariable.parse("cell areas", cellAreas).resolvedAgainst(base).text();
    String clim = climatology == null ? null : Storage.resolveSibling(base, climatology);
    return new StaticDataSpec(m, areas, clim);
  }

  /** A {@code file#variable} reference. */
  record FileVariable(String file, String variable) {
    static FileVariable parse(String what, String text) {
      int hash = text == null ? -1 : text.lastIndexOf('#');
      if (hash <= 0 || hash == text.length() - 1) {
        throw new IllegalArgumentException(
            "static data "
                + what
                + ": '"
                + text
                + "' is not \"file#variable\" (for example \"ais_mask.nc#mask\")");
      }
      return new FileVariable(text.substring(0, hash), text.substring(hash + 1));
    }

    FileVariable resolvedAgainst(String base) {
      return new FileVariable(Storage.resolveSibling(base, file), variable);
    }

    String text() {
      return file + "#" + variable;
    }
  }
}

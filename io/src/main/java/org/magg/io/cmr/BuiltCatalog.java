package org.magg.io.cmr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.magg.core.grid.Morton;
import org.magg.io.storage.Storage;

/**
 * A catalog built from CMR: parent Morton cells to granule URLs, its metadata, and the granules
 * that were left out with the reason.
 *
 * <p>The JSON is magg's catalog format ({@code {"metadata": {...}, "catalog": {"<morton>":
 * [urls]}}}, readable by {@link org.magg.io.spatial.GranuleCatalog#read}), written
 * deterministically: keys in ascending numeric order of the Morton index (as {@code sorted()} or
 * {@code numpy.unique} order mortie's integer indices, so negative indices come first), granules in
 * a cell by start time then URL, two-space indentation, {@code \n} line ends. Only {@code
 * metadata.created} changes between two builds of the same CMR answer.
 */
public final class BuiltCatalog {

  /** Why a granule is not in the catalog. */
  public enum Reason {
    /** No URL of the requested kind. */
    NO_URL,
    /** No polygon or bounding rectangle. */
    NO_GEOMETRY,
    /** A polygon or rectangle that cannot be used. */
    INVALID_GEOMETRY,
    /** Its footprint does not meet the area of interest. */
    OUTSIDE_REGION;

    /** {@code no_url}, ... as in the metadata. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A granule left out. */
  public record Skipped(String granule, Reason reason, String detail) {}

  private final SortedMap<Long, List<String>> cells;
  private final Map<String, Object> metadata;
  private final List<Skipped> skipped;
  private final int cataloged;
  private final double geometrySeconds;

  BuiltCatalog(
      SortedMap<Long, List<String>> cells,
      Map<String, Object> metadata,
      List<Skipped> skipped,
      int cataloged,
      double geometrySeconds) {
    this.cells = Collections.unmodifiableSortedMap(cells);
    this.metadata = Collections.unmodifiableMap(metadata);
    this.skipped = List.copyOf(skipped);
    this.cataloged = cataloged;
    this.geometrySeconds = geometrySeconds;
  }

  /** Parent Morton cell to granule URLs, keys ascending. */
  public SortedMap<Long, List<String>> cells() {
    return cells;
  }

  /** The metadata object, in output order. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** Granules left out, in CMR order. */
  public List<Skipped> skipped() {
    return skipped;
  }

  /** Number of granules listed in at least one cell. */
  public int catalogedGranules() {
    return cataloged;
  }

  /** Wall-clock seconds spent finding the cells of the granules. */
  public double geometrySeconds() {
    return geometrySeconds;
  }

  /** The catalog JSON. */
  public String toJson() {
    Map<String, Object> catalog = new LinkedHashMap<>();
    cells.forEach((cell, urls) -> catalog.put(Morton.format(cell), urls));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metadata", metadata);
    root.put("catalog", catalog);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentArraysWith(indenter);
    printer.indentObjectsWith(indenter);
    try {
      return org.magg.core.Json.mapper().writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write catalog JSON", e);
    }
  }

  /** Writes the JSON to {@code file}, atomically (see {@link Storage#write}). */
  public void write(Path file) {
    try {
      Storage.defaults().write(file.toString(), toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write catalog " + file + ": " + e.getMessage(), e);
    }
  }

  /** Counts of left-out granules by reason, every reason present (0 if none). */
  public Map<String, Integer> skippedCounts() {
    return countByReason(skipped);
  }

  static Map<String, Integer> countByReason(List<Skipped> skipped) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Reason r : Reason.values()) {
      counts.put(r.key(), 0);
    }
    for (Skipped s : skipped) {
      counts.merge(s.reason().key(), 1, Integer::sum);
    }
    return counts;
  }

  /** Granule URLs listed, each once. */
  public List<String> granules() {
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (List<String> urls : cells.values()) {
      for (String u : urls) {
        if (seen.add(u)) {
          out.add(u);
        }
      }
    }
    return out;
  }
}

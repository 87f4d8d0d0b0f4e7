package org.magg.io.spatial;

import static java.util.Objects.requireNonNull;

import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.magg.io.s3.S3Settings;

/**
 * Reads magg's granule catalog and emits one {@link GranuleAssignment} per distinct granule of the
 * selected parent cells, so each granule is read once however many cells list it. The catalog is
 * read when the pipeline is built, because it fixes the output layout (one chunk per selected
 * cell).
 *
 * <pre>{@code
 * pipeline.apply(GranuleCatalogIO.read().from("catalog.json").withMaxCells(5));
 * }</pre>
 */
public final class GranuleCatalogIO {
  private GranuleCatalogIO() {}

  /** A read with nothing chosen yet: call {@code from} or {@code withSelection}. */
  public static Read read() {
    return new Read(null, null, null, null, S3Settings.defaults());
  }

  /** Reads a catalog (or takes a resolved selection) and emits the granules to read. */
  public static final class Read extends PTransform<PBegin, PCollection<GranuleAssignment>> {
    private static final long serialVersionUID = 1L;

    private final String catalog;
    private final Integer maxCells;
    private final Long mortonCell;
    private final GranuleSelection selection;
    private final S3Settings s3;

    private Read(
        String catalog,
        Integer maxCells,
        Long mortonCell,
        GranuleSelection selection,
        S3Settings s3) {
      this.catalog = catalog;
      this.maxCells = maxCells;
      this.mortonCell = mortonCell;
      this.selection = selection;
      this.s3 = s3;
    }

    /** The catalog JSON: a local file, a {@code file:} URI or {@code s3://bucket/key}. */
    public Read from(String catalog) {
      requireNonNull(catalog, "Catalog cannot be null.");
      return new Read(catalog, maxCells, mortonCell, null, s3);
    }

    /** Only the first {@code n} cells in key order. */
    public Read withMaxCells(Integer n) {
      return new Read(catalog, n, mortonCell, selection, s3);
    }

    /** Only this cell; it must be a catalog key. */
    public Read withMortonCell(Long cell) {
      return new Read(catalog, maxCells, cell, selection, s3);
    }

    /** A selection already made from a catalog (what the pipelines use). */
    public Read withSelection(GranuleSelection selection) {
      requireNonNull(selection, "Selection cannot be null.");
      return new Read(null, null, null, selection, s3);
    }

    /** How an {@code s3://} catalog is reached (default: {@link S3Settings#defaults()}). */
    public Read withS3(S3Settings s3) {
      requireNonNull(s3, "S3 settings cannot be null.");
      return new Read(catalog, maxCells, mortonCell, selection, s3);
    }

    /** The selection this read emits. */
    public GranuleSelection selection() {
      if (selection != null) {
        return selection;
      }
      if (catalog == null) {
        throw new IllegalArgumentException(
            "Catalog needs to be provided. Please call `.from` or `.withSelection`.");
      }
      return GranuleCatalog.read(catalog, s3).select(maxCells, mortonCell);
    }

    @Override
    public PCollection<GranuleAssignment> expand(PBegin input) {
      GranuleSelection s = selection();
      return input
          .apply("Granules", Create.of(s.granuleAssignments()).withCoder(GranuleAssignment.coder()))
          // Spread the granules over workers instead of keeping them in Create's single bundle.
          .apply("Spread", Reshuffle.viaRandomKey());
    }
  }
}

package org.magg.io.spatial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A granule to read and the selected parent cells (Morton indices) that list it.
 *
 * @param granule granule path or URL
 * @param parentCells selected parent cells that name this granule in the catalog
 */
@DefaultCoder(GranuleAssignment.GranuleAssignmentCoder.class)
public record GranuleAssignment(String granule, List<Long> parentCells) {

  public GranuleAssignment {
    parentCells = List.copyOf(parentCells);
  }

  /** The coder of this element type. */
  public static Coder<GranuleAssignment> coder() {
    return GranuleAssignmentCoder.INSTANCE;
  }

  /** The coder of {@link GranuleAssignment}. */
  public static final class GranuleAssignmentCoder extends AtomicCoder<GranuleAssignment> {
    static final GranuleAssignmentCoder INSTANCE = new GranuleAssignmentCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static GranuleAssignmentCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(GranuleAssignment value, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(value.granule(), out);
      VarIntCoder.of().encode(value.parentCells().size(), out);
      for (Long c : value.parentCells()) {
        VarLongCoder.of().encode(c, out);
      }
    }

    @Override
    public GranuleAssignment decode(InputStream in) throws IOException {
      String granule = StringUtf8Coder.of().decode(in);
      int n = VarIntCoder.of().decode(in);
      List<Long> cells = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        cells.add(VarLongCoder.of().decode(in));
      }
      return new GranuleAssignment(granule, cells);
    }

    @Override
    public void verifyDeterministic() {}
  }
}

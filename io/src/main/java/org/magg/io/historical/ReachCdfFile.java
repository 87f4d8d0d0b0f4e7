package org.magg.io.historical;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.magg.io.cdf.CdfType;
import org.magg.io.cdf.CdfValue;
import org.magg.io.cdf.CdfVariable;
import org.magg.io.cdf.CdfWriter;
import org.magg.io.cdf.Tt2000;
import org.magg.io.historical.CdfModel.Attr;

/**
 * Writes a {@link CdfModel.File} with the project's CDF writer ({@link org.magg.io.cdf}). Times
 * become TT2000 (leap seconds included); the record-varying data variables are GZIP-compressed when
 * asked.
 */
public final class ReachCdfFile {
  private ReachCdfFile() {}

  /** The file's bytes. */
  public static byte[] encode(CdfModel.File file, boolean compress) throws IOException {
    return writer(file, compress).toBytes();
  }

  static CdfWriter writer(CdfModel.File file, boolean compress) {
    CdfWriter w = CdfWriter.create();
    for (Map.Entry<String, List<Attr>> g : file.globals().entrySet()) {
      w.globalAttribute(
          g.getKey(), g.getValue().stream().map(ReachCdfFile::value).toArray(CdfValue[]::new));
    }
    for (CdfModel.Variable v : file.variables()) {
      CdfVariable.Builder b =
          CdfVariable.builder(v.name(), type(v.type()))
              .dims(v.dims())
              .recordVariance(v.recordVariance())
              .numElems(v.numElems())
              .data(data(v), v.records());
      if (compress && v.recordVariance() && v.type() == CdfModel.Type.REAL8) {
        b.compressed(true);
      }
      if (v.type() == CdfModel.Type.REAL8) {
        b.pad(CdfModel.REAL8_FILL);
      }
      for (Map.Entry<String, Attr> a : v.attributes().entrySet()) {
        b.attribute(a.getKey(), value(a.getValue()));
      }
      w.variable(b.build());
    }
    return w;
  }

  private static CdfType type(CdfModel.Type t) {
    return switch (t) {
      case TT2000 -> CdfType.TIME_TT2000;
      case INT4 -> CdfType.INT4;
      case REAL8 -> CdfType.REAL8;
      case CHAR -> CdfType.CHAR;
    };
  }

  private static Object data(CdfModel.Variable v) {
    if (v.type() == CdfModel.Type.TT2000) {
      Instant[] t = (Instant[]) v.values();
      long[] out = new long[t.length];
      for (int i = 0; i < t.length; i++) {
        out[i] = Tt2000.fromInstant(t[i]);
      }
      return out;
    }
    return v.values();
  }

  static CdfValue value(Attr a) {
    return switch (a.type()) {
      case CHAR -> CdfValue.text(a.text());
      case INT4 -> CdfValue.int4((int[]) a.value());
      case REAL8 -> CdfValue.real8((double[]) a.value());
      case TT2000 -> {
        Object[] vals = (Object[]) a.value();
        long[] out = new long[vals.length];
        for (int i = 0; i < vals.length; i++) {
          out[i] = vals[i] instanceof Instant t ? Tt2000.fromInstant(t) : (Long) vals[i];
        }
        yield CdfValue.tt2000(out);
      }
    };
  }
}

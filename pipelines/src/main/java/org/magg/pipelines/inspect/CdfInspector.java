package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.magg.core.Json;
import org.magg.io.storage.Storage;
import uk.ac.bristol.star.cdf.AttributeEntry;
import uk.ac.bristol.star.cdf.CdfContent;
import uk.ac.bristol.star.cdf.CdfReader;
import uk.ac.bristol.star.cdf.DataType;
import uk.ac.bristol.star.cdf.EpochFormatter;
import uk.ac.bristol.star.cdf.GlobalAttribute;
import uk.ac.bristol.star.cdf.Variable;
import uk.ac.bristol.star.cdf.VariableAttribute;
import uk.ac.bristol.star.cdf.record.Bufs;

/**
 * Describes a CDF file, read with JCDF (an implementation independent of our writer): the global
 * attributes (the ISTP ones the project writes among them), and per variable its type, dimensions,
 * record count, the ISTP attributes {@code VAR_TYPE}, {@code UNITS}, {@code DEPEND_0} and {@code
 * FILLVAL}, and the range of its values (times as ISO-8601 UTC), fill values left out. Records are
 * read one at a time.
 */
final class CdfInspector {
  /** The variable attributes shown in the table; all are in the JSON. */
  private static final String[] SHOWN = {"VAR_TYPE", "UNITS", "DEPEND_0"};

  private CdfInspector() {}

  static Inspection inspect(String location, Storage storage) throws IOException {
    byte[] bytes = storage.read(location);
    CdfContent cdf;
    try {
      cdf = new CdfContent(new CdfReader(Bufs.createBuf(ByteBuffer.wrap(bytes), true, true)));
    } catch (IOException | RuntimeException e) {
      throw new IOException(location + ": cannot read it as a CDF file: " + e.getMessage(), e);
    }
    ObjectNode json = Inspection.start(OutputKind.CDF, location);
    json.put("bytes", bytes.length);
    StringBuilder text = new StringBuilder();

    ObjectNode globals = json.putObject("global_attributes");
    Map<String, Object> shown = new LinkedHashMap<>();
    for (GlobalAttribute g : cdf.getGlobalAttributes()) {
      ArrayNode entries = globals.putArray(g.getName());
      StringBuilder line = new StringBuilder();
      for (AttributeEntry e : g.getEntries()) {
        if (e != null) {
          String v = entry(e);
          entries.add(v);
          line.append(line.length() == 0 ? "" : " | ").append(v);
        }
      }
      shown.put(g.getName(), line.toString());
    }

    Variable[] variables = cdf.getVariables();
    VariableAttribute[] vattrs = cdf.getVariableAttributes();
    ArrayNode vars = json.putArray("variables");
    Table table =
        new Table()
            .row(
                "variable",
                "type",
                "dims",
                "records",
                "VAR_TYPE",
                "UNITS",
                "DEPEND_0",
                "min",
                "max",
                "fill");
    long maxRecords = 0;
    for (Variable v : variables) {
      ObjectNode vj = vars.addObject();
      vj.put("name", v.getName());
      vj.put("type", v.getDataType().getName());
      int[] dims = v.getShaper().getDimSizes();
      vj.set("dimensions", Json.mapper().valueToTree(dims));
      vj.put("record_variance", v.getRecordVariance());
      vj.put("records", v.getRecordCount());
      maxRecords = Math.max(maxRecords, v.getRecordCount());
      ObjectNode aj = vj.putObject("attributes");
      Map<String, AttributeEntry> attrs = new LinkedHashMap<>();
      for (VariableAttribute a : vattrs) {
        AttributeEntry e = a.getEntry(v);
        if (e != null) {
          attrs.put(a.getName(), e);
          aj.put(a.getName(), entry(e));
        }
      }
      Range r = range(v, attrs.get("FILLVAL"));
      ObjectNode rj = vj.putObject("range");
      rj.put("values", r.values);
      rj.put("fill", r.fill);
      rj.put("nan", r.nan);
      if (r.min != null && r.times) {
        rj.put("min", r.min);
        rj.put("max", r.max);
      } else if (r.min != null) {
        rj.put("min", r.minValue);
        rj.put("max", r.maxValue);
      }
      Object[] row = new Object[10];
      row[0] = v.getName();
      row[1] = v.getDataType().getName();
      row[2] = dims.length == 0 ? "-" : Arrays.toString(dims).replace(" ", "");
      row[3] = v.getRecordCount();
      for (int i = 0; i < SHOWN.length; i++) {
        AttributeEntry e = attrs.get(SHOWN[i]);
        row[4 + i] = e == null ? "" : entry(e);
      }
      row[7] = r.min == null ? "" : r.min;
      row[8] = r.max == null ? "" : r.max;
      row[9] = r.fill;
      table.row(row);
    }
    text.append("CDF file ")
        .append(location)
        .append(": ")
        .append(variables.length)
        .append(" variables, up to ")
        .append(maxRecords)
        .append(" records, ")
        .append(org.magg.core.RunResult.size(bytes.length))
        .append('\n');
    text.append("global attributes:\n").append(Attributes.lines(shown, "  "));
    text.append("variables (min and max leave out FILLVAL and NaN; fill counts FILLVAL):\n");
    text.append(table.render("  "));
    return new Inspection(OutputKind.CDF, location, json, text.toString());
  }

  /** What a variable holds: counts, and the minimum and maximum as text. */
  private static final class Range {
    long values;
    long fill;
    long nan;
    String min;
    String max;
    double minValue;
    double maxValue;
    boolean times;
  }

  private static Range range(Variable v, AttributeEntry fillEntry) throws IOException {
    Range r = new Range();
    DataType type = v.getDataType();
    Object raw = v.createRawValueArray();
    Class<?> element = raw.getClass().getComponentType();
    if (element == null || !element.isPrimitive()) {
      r.values = (long) v.getRecordCount() * Array.getLength(raw);
      return r;
    }
    boolean time = type.getName().equals(DataType.TIME_TT2000.getName());
    boolean epoch = type.getName().equals(DataType.EPOCH.getName());
    boolean integral =
        element == long.class
            || element == int.class
            || element == short.class
            || element == byte.class;
    Object fillRaw = fillEntry == null ? null : fillEntry.getRawValue();
    boolean hasFill =
        fillRaw != null
            && fillRaw.getClass().isArray()
            && fillRaw.getClass().getComponentType().isPrimitive()
            && Array.getLength(fillRaw) > 0;
    long fillLong = hasFill && integral ? Array.getLong(fillRaw, 0) : 0;
    double fillDouble = hasFill ? Array.getDouble(fillRaw, 0) : Double.NaN;
    long minL = Long.MAX_VALUE;
    long maxL = Long.MIN_VALUE;
    double minD = Double.POSITIVE_INFINITY;
    double maxD = Double.NEGATIVE_INFINITY;
    int n = Array.getLength(raw);
    for (int rec = 0; rec < v.getRecordCount(); rec++) {
      v.readRawRecord(rec, raw);
      for (int i = 0; i < n; i++) {
        r.values++;
        if (integral) {
          long x = Array.getLong(raw, i);
          if (hasFill && x == fillLong) {
            r.fill++;
          } else {
            minL = Math.min(minL, x);
            maxL = Math.max(maxL, x);
          }
        } else {
          double x = Array.getDouble(raw, i);
          if (Double.isNaN(x)) {
            r.nan++;
          } else if (hasFill && x == fillDouble) {
            r.fill++;
          } else {
            minD = Math.min(minD, x);
            maxD = Math.max(maxD, x);
          }
        }
      }
    }
    EpochFormatter times = new EpochFormatter();
    r.times = time || epoch;
    r.minValue = integral ? minL : minD;
    r.maxValue = integral ? maxL : maxD;
    if (integral && minL <= maxL) {
      r.min = time ? times.formatTimeTt2000(minL) : Long.toString(minL);
      r.max = time ? times.formatTimeTt2000(maxL) : Long.toString(maxL);
    } else if (!integral && minD <= maxD) {
      r.min = epoch ? times.formatEpoch(minD) : ValueRange.number(minD);
      r.max = epoch ? times.formatEpoch(maxD) : ValueRange.number(maxD);
    }
    return r;
  }

  /** An attribute entry as text (times formatted, arrays in brackets). */
  private static String entry(AttributeEntry e) {
    Object shaped = e.getShapedValue();
    if (shaped instanceof String s) {
      return s;
    }
    return e.toString();
  }
}

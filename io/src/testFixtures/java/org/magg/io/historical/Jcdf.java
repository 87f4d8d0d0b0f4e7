package org.magg.io.historical;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import uk.ac.bristol.star.cdf.AttributeEntry;
import uk.ac.bristol.star.cdf.CdfContent;
import uk.ac.bristol.star.cdf.CdfReader;
import uk.ac.bristol.star.cdf.DataType;
import uk.ac.bristol.star.cdf.GlobalAttribute;
import uk.ac.bristol.star.cdf.Variable;
import uk.ac.bristol.star.cdf.VariableAttribute;

/** A CDF file as JCDF (an independent reader) sees it. */
public final class Jcdf {
  final CdfContent content;

  public Jcdf(File f) throws IOException {
    content = new CdfContent(new CdfReader(f));
  }

  Variable variable(String name) {
    for (Variable v : content.getVariables()) {
      if (v.getName().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variable " + name);
  }

  List<String> variableNames() {
    List<String> out = new ArrayList<>();
    for (Variable v : content.getVariables()) {
      out.add(v.getName());
    }
    return out;
  }

  /** A global attribute's entries, as JCDF formats them (null when absent). */
  public List<String> global(String name) {
    for (GlobalAttribute g : content.getGlobalAttributes()) {
      if (g.getName().equals(name)) {
        List<String> out = new ArrayList<>();
        for (AttributeEntry e : g.getEntries()) {
          if (e != null) {
            out.add(e.toString());
          }
        }
        return out;
      }
    }
    return null;
  }

  /** A variable attribute's entry, or null. */
  AttributeEntry attr(String variable, String attr) {
    Variable v = variable(variable);
    for (VariableAttribute a : content.getVariableAttributes()) {
      if (a.getName().equals(attr)) {
        return a.getEntry(v);
      }
    }
    return null;
  }

  /** The names of the attributes a variable has an entry for. */
  List<String> attrNames(String variable) {
    Variable v = variable(variable);
    List<String> out = new ArrayList<>();
    for (VariableAttribute a : content.getVariableAttributes()) {
      if (a.getEntry(v) != null) {
        out.add(a.getName());
      }
    }
    return out;
  }

  String text(String variable, String attr) {
    AttributeEntry e = attr(variable, attr);
    return e == null ? null : (String) e.getShapedValue();
  }

  double real(String variable, String attr) {
    AttributeEntry e = attr(variable, attr);
    if (e.getDataType() != DataType.REAL8) {
      throw new AssertionError(variable + "." + attr + " is " + e.getDataType());
    }
    return ((Number) e.getItem(0)).doubleValue();
  }

  /** Record {@code r}, shaped row-major (arrays of the type's element class). */
  public Object record(String variable, int r) throws IOException {
    Variable v = variable(variable);
    return v.readShapedRecord(r, true, v.createRawValueArray());
  }

  /** All records of a REAL8 variable, flattened. */
  public double[] reals(String variable) throws IOException {
    Variable v = variable(variable);
    List<Double> out = new ArrayList<>();
    for (int r = 0; r < v.getRecordCount(); r++) {
      Object rec = record(variable, r);
      if (rec instanceof double[] a) {
        for (double d : a) {
          out.add(d);
        }
      } else {
        out.add((Double) rec);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Epoch values as JCDF formats TT2000 (its own leap-second table). */
  public List<String> times(String variable) throws IOException {
    Variable v = variable(variable);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < v.getRecordCount(); r++) {
      out.add(v.getDataType().formatScalarValue(record(variable, r)));
    }
    return out;
  }
}

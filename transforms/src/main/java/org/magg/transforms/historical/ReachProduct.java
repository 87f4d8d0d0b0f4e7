package org.magg.transforms.historical;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.historical.CdfModel;
import org.magg.io.historical.CdfModel.Attr;
import org.magg.io.historical.CdfModel.Type;
import org.magg.io.historical.CdfModel.Variable;

/**
 * Turns a day's {@link ReachDataset} into the CDF content of the REACH L1C product (ISTP attributes
 * from a {@link ReachCdfSchema}), and names the file and its S3 key.
 *
 * <p>Variables: {@code Epoch (T)} TT2000; {@code sensor_labels (S)}, {@code sensor_ids (S)}, {@code
 * dosimeter_flavor_labels (F)}, {@code dosimeter_flavor_ids (F)}, {@code dosimeter_flavors (S, F)}
 * not varying with time (VAR_TYPE metadata); {@code dose_rate (T, S, F)} and {@code lat, lon, alt,
 * obQuality, sensor_position_x/y/z (T, S)} REAL8 data with DEPEND_0 = Epoch, DEPEND_1 = sensor_ids,
 * DEPEND_2 = dosimeter_flavor_ids, LABL_PTR_1 = sensor_labels, LABL_PTR_2 =
 * dosimeter_flavor_labels. Missing values are the fill value.
 */
public final class ReachProduct {
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  /**
   * Start of the valid Epoch range: well before REACH (in orbit since 2017) and within the range of
   * the TT2000 conversion (1972 on, when UTC got whole leap seconds).
   */
  static final Instant EPOCH_VALIDMIN = Instant.parse("1990-01-01T00:00:00Z");

  /** End of the valid Epoch range. */
  static final Instant EPOCH_VALIDMAX = Instant.parse("2250-01-01T00:00:00Z");

  private ReachProduct() {}

  /** {@code reach_all_l1c_prelim_20250904T000000_v1.0.0.cdf} for a first epoch of that time. */
  static String fileName(ReachCdfSchema schema, Instant firstEpoch) {
    return schema.instrument()
        + "_"
        + schema.mode()
        + "_"
        + schema.level()
        + "_"
        + schema.dataType()
        + "_"
        + NAME_TIME.format(firstEpoch)
        + "_v"
        + schema.version()
        + ".cdf";
  }

  /** {@code l1c/prelim/2025/09/04/<file>}: level, data type and the first epoch's UTC date. */
  static String key(ReachCdfSchema schema, Instant firstEpoch) {
    LocalDate d = firstEpoch.atZone(ZoneOffset.UTC).toLocalDate();
    return String.format(
        "%s/%s/%04d/%02d/%02d/%s",
        schema.level(),
        schema.dataType(),
        d.getYear(),
        d.getMonthValue(),
        d.getDayOfMonth(),
        fileName(schema, firstEpoch));
  }

  /**
   * The key of an existing product file, from its name ({@code
   * reach_all_l1c_prelim_20250904T000000_v1.0.0.cdf} is under {@code l1c/prelim/2025/09/04/}).
   *
   * @throws IllegalArgumentException when the name is not a product name of this schema
   */
  static String keyOfFile(ReachCdfSchema schema, String fileName) {
    String head =
        schema.instrument()
            + "_"
            + schema.mode()
            + "_"
            + schema.level()
            + "_"
            + schema.dataType()
            + "_";
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{8}T\\d{6})_v\\d+\\.\\d+\\.\\d+\\.cdf")
            .matcher(fileName.startsWith(head) ? fileName.substring(head.length()) : "");
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + fileName
              + "' is not a product file name ("
              + head
              + "YYYYMMDDTHHMMSS_vX.Y.Z.cdf), so its S3 key cannot be derived");
    }
    Instant t =
        java.time.LocalDateTime.parse(m.group(1), NAME_TIME.withZone(null))
            .toInstant(ZoneOffset.UTC);
    String k = key(schema, t);
    return k.substring(0, k.lastIndexOf('/') + 1) + fileName;
  }

  /** Software name and version written as {@code Software_version}. */
  static String softwareVersion() {
    String v = ReachProduct.class.getPackage().getImplementationVersion();
    return "magg-beam " + (v == null ? "(development)" : v);
  }

  /** {@code RESOLUTION} of Epoch: the mean spacing of the time axis, in seconds. */
  static String resolution(List<Instant> epochs) {
    if (epochs.size() < 2) {
      return "0s";
    }
    long nanos = Duration.between(epochs.get(0), epochs.get(epochs.size() - 1)).toNanos();
    BigDecimal mean =
        BigDecimal.valueOf(nanos)
            .divide(BigDecimal.valueOf(epochs.size() - 1), 0, java.math.RoundingMode.HALF_EVEN)
            .movePointLeft(9)
            .stripTrailingZeros();
    return mean.toPlainString() + "s";
  }

  /** The file's content. */
  public static CdfModel.File build(
      ReachDataset d, ReachCdfSchema schema, LocalDate generationDate) {
    Instant first = d.epochs.get(0);
    String name = fileName(schema, first);
    Map<String, List<Attr>> globals = new LinkedHashMap<>();
    schema.globals().forEach((k, v) -> globals.put(k, v.stream().map(Attr::text).toList()));
    globals.put("Data_version", List.of(Attr.text(schema.version())));
    globals.put(
        "Generation_date",
        List.of(Attr.text(generationDate.format(DateTimeFormatter.BASIC_ISO_DATE))));
    globals.put("Logical_file_id", List.of(Attr.text(name.substring(0, name.length() - 4))));
    globals.put(
        "Logical_source",
        List.of(Attr.text(schema.instrument() + "_" + schema.mode() + "_" + schema.dataType())));
    globals.put(
        "UDL_Source", List.of(Attr.text(d.descriptor.isEmpty() ? "unknown" : d.descriptor)));
    globals.put("Software_version", List.of(Attr.text(softwareVersion())));

    int nt = d.times();
    int ns = d.sensors();
    int nf = d.flavourSlots();
    List<Variable> vars = new ArrayList<>();
    vars.add(epoch(d, schema));
    vars.add(
        labels("sensor_labels", d.sensorLabels.toArray(String[]::new), new int[] {ns}, schema));
    vars.add(ids("sensor_ids", d.sensorIds, schema));
    String[] flavourLabels = new String[nf];
    int[] flavourIds = new int[nf];
    for (int f = 0; f < nf; f++) {
      flavourLabels[f] = "flavor_" + f;
      flavourIds[f] = f;
    }
    vars.add(labels("dosimeter_flavor_labels", flavourLabels, new int[] {nf}, schema));
    vars.add(ids("dosimeter_flavor_ids", flavourIds, schema));
    String[] flavours = d.flavours.stream().flatMap(List::stream).toArray(String[]::new);
    vars.add(labels("dosimeter_flavors", flavours, new int[] {ns, nf}, schema));
    vars.add(data("dose_rate", d.doseRate, nt, new int[] {ns, nf}, schema));
    vars.add(data("lat", d.lat, nt, new int[] {ns}, schema));
    vars.add(data("lon", d.lon, nt, new int[] {ns}, schema));
    vars.add(data("alt", d.alt, nt, new int[] {ns}, schema));
    vars.add(data("obQuality", d.obQuality, nt, new int[] {ns}, schema));
    vars.add(data("sensor_position_x", d.senX, nt, new int[] {ns}, schema));
    vars.add(data("sensor_position_y", d.senY, nt, new int[] {ns}, schema));
    vars.add(data("sensor_position_z", d.senZ, nt, new int[] {ns}, schema));
    return new CdfModel.File(globals, vars);
  }

  private static Variable epoch(ReachDataset d, ReachCdfSchema schema) {
    ReachCdfSchema.VariableText t = schema.variables().get("Epoch");
    Map<String, Attr> a = new LinkedHashMap<>();
    a.put("CATDESC", Attr.text(t.catdesc()));
    a.put("FIELDNAM", Attr.text("Epoch"));
    a.put("FILLVAL", Attr.tt2000Raw(CdfModel.TT2000_FILL));
    a.put("FORMAT", Attr.text("A29"));
    a.put("REFERENCE_POSITION", Attr.text("rotating Earth geoid"));
    a.put("RESOLUTION", Attr.text(resolution(d.epochs)));
    a.put("SI_CONVERSION", Attr.text("1.0E-9>s"));
    a.put("TIME_BASE", Attr.text("J2000"));
    a.put("TIME_SCALE", Attr.text("Terrestrial Time (TT)"));
    a.put("UNITS", Attr.text("ns"));
    a.put("VALIDMIN", Attr.tt2000(EPOCH_VALIDMIN));
    a.put("VALIDMAX", Attr.tt2000(EPOCH_VALIDMAX));
    a.put("VAR_TYPE", Attr.text("support_data"));
    notes(a, t);
    return new Variable(
        "Epoch", Type.TT2000, new int[0], true, 1, d.times(), d.epochs.toArray(Instant[]::new), a);
  }

  private static Variable labels(String name, String[] values, int[] dims, ReachCdfSchema schema) {
    int width = 1;
    for (String s : values) {
      width = Math.max(width, s.length());
    }
    Map<String, Attr> a = metadata(name, schema, Attr.text(CdfModel.CHAR_FILL), "A" + width);
    return new Variable(name, Type.CHAR, dims, false, width, 1, values.clone(), a);
  }

  private static Variable ids(String name, int[] values, ReachCdfSchema schema) {
    Map<String, Attr> a = metadata(name, schema, Attr.int4(CdfModel.INT4_FILL), "I11");
    return new Variable(name, Type.INT4, new int[] {values.length}, false, 1, 1, values.clone(), a);
  }

  private static Map<String, Attr> metadata(
      String name, ReachCdfSchema schema, Attr fill, String format) {
    ReachCdfSchema.VariableText t = schema.variables().get(name);
    Map<String, Attr> a = new LinkedHashMap<>();
    a.put("CATDESC", Attr.text(t.catdesc()));
    a.put("FIELDNAM", Attr.text(name));
    a.put("FILLVAL", fill);
    a.put("FORMAT", Attr.text(format));
    a.put("VAR_TYPE", Attr.text("metadata"));
    notes(a, t);
    return a;
  }

  private static Variable data(
      String name, double[] values, int records, int[] dims, ReachCdfSchema schema) {
    ReachCdfSchema.VariableText t = schema.variables().get(name);
    Map<String, Attr> a = new LinkedHashMap<>();
    a.put("CATDESC", Attr.text(t.catdesc()));
    a.put("DEPEND_0", Attr.text("Epoch"));
    a.put("DEPEND_1", Attr.text("sensor_ids"));
    if (dims.length == 2) {
      a.put("DEPEND_2", Attr.text("dosimeter_flavor_ids"));
    }
    a.put("DISPLAY_TYPE", Attr.text(t.displayType() == null ? "time_series" : t.displayType()));
    a.put("FIELDNAM", Attr.text(name));
    a.put("FILLVAL", Attr.real8(CdfModel.REAL8_FILL));
    a.put("FORMAT", Attr.text("E12.4"));
    a.put("LABL_PTR_1", Attr.text("sensor_labels"));
    if (dims.length == 2) {
      a.put("LABL_PTR_2", Attr.text("dosimeter_flavor_labels"));
    }
    a.put("SI_CONVERSION", Attr.text(t.siConversion() == null ? " > " : t.siConversion()));
    a.put("UNITS", Attr.text(t.units() == null ? " " : t.units()));
    a.put("VALIDMIN", Attr.real8(t.validMin() == null ? -Double.MAX_VALUE : t.validMin()));
    a.put("VALIDMAX", Attr.real8(t.validMax() == null ? Double.MAX_VALUE : t.validMax()));
    a.put("VAR_TYPE", Attr.text("data"));
    notes(a, t);
    double[] filled = values.clone();
    for (int i = 0; i < filled.length; i++) {
      if (Double.isNaN(filled[i])) {
        filled[i] = CdfModel.REAL8_FILL;
      }
    }
    return new Variable(name, Type.REAL8, dims, true, 1, records, filled, a);
  }

  private static void notes(Map<String, Attr> a, ReachCdfSchema.VariableText t) {
    if (t.varNotes() != null) {
      a.put("VAR_NOTES", Attr.text(t.varNotes()));
    }
  }
}

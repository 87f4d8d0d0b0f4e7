package org.magg.transforms.historical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.magg.core.ConfigException;

/**
 * The attribute schema of the REACH product, read from YAML (the built-in one is the project's
 * {@code configs/reach_cdf.yaml}): product naming, static global attributes and the descriptive
 * attributes of each variable. Unknown keys, missing required attributes and derived attributes
 * given by hand are refused with the field path.
 *
 * @param instrument instrument short name in file names ({@code reach})
 * @param version product version ({@code 1.0.0}), the {@code Data_version} attribute
 * @param globals static global attributes: name to entries
 * @param variables per variable: its descriptive attributes
 */
public record ReachCdfSchema(
    String instrument,
    String version,
    Map<String, List<String>> globals,
    Map<String, VariableText> variables)
    implements Serializable {

  /** Where the built-in schema is on the class path. */
  static final String BUILTIN = "/org/magg/configs/reach_cdf.yaml";

  /** Global attributes the product computes; a schema may not set them. */
  static final Set<String> DERIVED_GLOBALS =
      Set.of(
          "Data_version",
          "Generation_date",
          "Logical_file_id",
          "Logical_source",
          "UDL_Source",
          "Software_version");

  /** Global attributes ISTP requires of every file that the schema must give. */
  static final List<String> REQUIRED_GLOBALS =
      List.of(
          "Data_level",
          "Data_type",
          "Descriptor",
          "Discipline",
          "Instrument_mode",
          "Instrument_type",
          "Logical_source_description",
          "Mission_group",
          "PI_affiliation",
          "PI_name",
          "Project",
          "Source_name",
          "TEXT");

  /** The variables of the product, in file order. */
  public static final List<String> VARIABLES =
      List.of(
          "Epoch",
          "sensor_labels",
          "sensor_ids",
          "dosimeter_flavor_labels",
          "dosimeter_flavor_ids",
          "dosimeter_flavors",
          "dose_rate",
          "lat",
          "lon",
          "alt",
          "obQuality",
          "sensor_position_x",
          "sensor_position_y",
          "sensor_position_z");

  private static final Set<String> VARIABLE_KEYS =
      Set.of(
          "catdesc", "units", "si_conversion", "validmin", "validmax", "display_type", "var_notes");

  /**
   * Descriptive attributes of one variable; null when not given.
   *
   * @param catdesc CATDESC
   * @param units UNITS
   * @param siConversion SI_CONVERSION
   * @param validMin VALIDMIN (REAL8 variables)
   * @param validMax VALIDMAX (REAL8 variables)
   * @param displayType DISPLAY_TYPE
   * @param varNotes VAR_NOTES
   */
  record VariableText(
      String catdesc,
      String units,
      String siConversion,
      Double validMin,
      Double validMax,
      String displayType,
      String varNotes)
      implements Serializable {}

  public ReachCdfSchema {
    globals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(globals));
    variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /** The built-in schema. */
  public static ReachCdfSchema builtin() {
    try (InputStream in = ReachCdfSchema.class.getResourceAsStream(BUILTIN)) {
      if (in == null) {
        throw new IllegalStateException(
            "the built-in schema " + BUILTIN + " is not on the class path");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and checks a schema. */
  static ReachCdfSchema parse(String yaml) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException("", "the REACH CDF schema is not valid YAML: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("", "the REACH CDF schema must be a mapping");
    }
    checkKeys(root, "", Set.of("product", "global_attributes", "variables"));
    JsonNode product = object(root, "product");
    checkKeys(product, "product.", Set.of("instrument", "version"));
    String instrument = text(product, "product.", "instrument");
    String version = text(product, "product.", "version");
    if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
      throw new ConfigException("product.version", "'" + version + "' is not X.Y.Z");
    }
    Map<String, List<String>> globals = new LinkedHashMap<>();
    JsonNode g = object(root, "global_attributes");
    for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "global_attributes." + e.getKey();
      if (DERIVED_GLOBALS.contains(e.getKey())) {
        throw new ConfigException(path, "is derived when the file is written; remove it");
      }
      List<String> entries = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> entries.add(scalar(v, path)));
      } else {
        entries.add(scalar(e.getValue(), path));
      }
      if (entries.isEmpty()) {
        throw new ConfigException(path, "has no entries");
      }
      globals.put(e.getKey(), entries);
    }
    for (String r : REQUIRED_GLOBALS) {
      if (!globals.containsKey(r)) {
        throw new ConfigException("global_attributes." + r, "is required by ISTP; add it");
      }
    }
    for (String r : List.of("Data_level", "Data_type")) {
      if (!globals.get(r).get(0).contains(">")) {
        throw new ConfigException(
            "global_attributes." + r, "must be 'short>long' (e.g. L1C>Level 1 C)");
      }
    }
    JsonNode vars = object(root, "variables");
    checkKeys(vars, "variables.", Set.copyOf(VARIABLES));
    Map<String, VariableText> variables = new LinkedHashMap<>();
    for (String name : VARIABLES) {
      JsonNode v = vars.get(name);
      String p = "variables." + name + ".";
      if (v == null || !v.isObject()) {
        throw new ConfigException("variables." + name, "is required (a mapping with catdesc)");
      }
      checkKeys(v, p, VARIABLE_KEYS);
      variables.put(
          name,
          new VariableText(
              text(v, p, "catdesc"),
              optionalText(v, p, "units"),
              optionalText(v, p, "si_conversion"),
              optionalNumber(v, p, "validmin"),
              optionalNumber(v, p, "validmax"),
              optionalText(v, p, "display_type"),
              optionalText(v, p, "var_notes")));
    }
    return new ReachCdfSchema(instrument, version, globals, variables);
  }

  /** The first entry of a global attribute. */
  String global(String name) {
    List<String> v = globals.get(name);
    return v == null ? null : v.get(0);
  }

  /** Short lower-case data level for names and keys ({@code L1C>Level 1 C} is {@code l1c}). */
  String level() {
    return shortForm(global("Data_level"));
  }

  /** Short data type for names and keys ({@code prelim>Preliminary} is {@code prelim}). */
  String dataType() {
    return shortForm(global("Data_type"));
  }

  /** Instrument mode for names ({@code all}). */
  String mode() {
    return global("Instrument_mode").toLowerCase(Locale.ROOT);
  }

  private static String shortForm(String s) {
    int i = s.indexOf('>');
    return (i < 0 ? s : s.substring(0, i)).strip().toLowerCase(Locale.ROOT);
  }

  private static void checkKeys(JsonNode n, String prefix, Set<String> allowed) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new ConfigException(
            prefix + k,
            "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw new ConfigException(field, "is required (a mapping)");
    }
    return v;
  }

  private static String text(JsonNode n, String prefix, String field) {
    String s = optionalText(n, prefix, field);
    if (s == null || s.isBlank()) {
      throw new ConfigException(prefix + field, "is required (a text)");
    }
    return s;
  }

  private static String optionalText(JsonNode n, String prefix, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return scalar(v, prefix + field);
  }

  private static Double optionalNumber(JsonNode n, String prefix, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new ConfigException(prefix + field, "'" + v.asText() + "' is not a number");
    }
    return v.doubleValue();
  }

  private static String scalar(JsonNode v, String path) {
    if (!v.isValueNode() || v.isNull()) {
      throw new ConfigException(path, "must be a text (or a list of texts)");
    }
    return v.asText().strip().isEmpty() ? v.asText() : v.asText().strip();
  }
}

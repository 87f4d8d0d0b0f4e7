package org.magg.transforms.historical;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.magg.core.ConfigException;
import org.magg.core.Json;
import org.magg.core.YamlBinding;

/**
 * The attribute schema of the REACH product, read from YAML (the built-in one is the project's
 * {@code configs/reach_cdf.yaml}): product naming, static global attributes and the descriptive
 * attributes of each variable, bound with Jackson. Unknown keys, missing required attributes and
 * derived attributes given by hand are refused with the field path.
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
      @JsonDeserialize(using = Text.class) String catdesc,
      @JsonDeserialize(using = Text.class) String units,
      @JsonProperty("si_conversion") @JsonDeserialize(using = Text.class) String siConversion,
      @JsonProperty("validmin") @JsonDeserialize(using = Numeric.class) Double validMin,
      @JsonProperty("validmax") @JsonDeserialize(using = Numeric.class) Double validMax,
      @JsonProperty("display_type") @JsonDeserialize(using = Text.class) String displayType,
      @JsonProperty("var_notes") @JsonDeserialize(using = Text.class) String varNotes)
      implements Serializable {}

  /** The YAML document as bound; {@link #parse} checks it. */
  private record Document(
      Product product,
      @JsonProperty("global_attributes") @JsonDeserialize(contentUsing = Entries.class)
          Map<String, List<String>> globals,
      Map<String, VariableText> variables) {}

  private record Product(
      @JsonDeserialize(using = Text.class) String instrument,
      @JsonDeserialize(using = Text.class) String version) {}

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
      root = Json.yaml().readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException("", "the REACH CDF schema is not valid YAML: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("", "the REACH CDF schema must be a mapping");
    }
    Document d = bind(root);
    Product product = required(d.product(), "product", "is required (a mapping)");
    String instrument = text(product.instrument(), "product.instrument");
    String version = text(product.version(), "product.version");
    if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
      throw new ConfigException("product.version", "'" + version + "' is not X.Y.Z");
    }
    Map<String, List<String>> globals =
        required(d.globals(), "global_attributes", "is required (a mapping)");
    globals.forEach(
        (name, entries) -> {
          String path = "global_attributes." + name;
          if (DERIVED_GLOBALS.contains(name)) {
            throw new ConfigException(path, "is derived when the file is written; remove it");
          }
          required(entries, path, "must be a text (or a list of texts)");
          if (entries.isEmpty()) {
            throw new ConfigException(path, "has no entries");
          }
        });
    for (String r : REQUIRED_GLOBALS) {
      required(globals.get(r), "global_attributes." + r, "is required by ISTP; add it");
    }
    for (String r : List.of("Data_level", "Data_type")) {
      if (!globals.get(r).get(0).contains(">")) {
        throw new ConfigException(
            "global_attributes." + r, "must be 'short>long' (e.g. L1C>Level 1 C)");
      }
    }
    Map<String, VariableText> given =
        required(d.variables(), "variables", "is required (a mapping)");
    for (String name : given.keySet()) {
      if (!VARIABLES.contains(name)) {
        throw new ConfigException(
            "variables." + name,
            "unknown field (allowed: " + String.join(", ", new TreeSet<>(VARIABLES)) + ")");
      }
    }
    Map<String, VariableText> variables = new LinkedHashMap<>();
    for (String name : VARIABLES) {
      VariableText v =
          required(given.get(name), "variables." + name, "is required (a mapping with catdesc)");
      text(v.catdesc(), "variables." + name + ".catdesc");
      variables.put(name, v);
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

  private static Document bind(JsonNode root) {
    return YamlBinding.bind(root, Document.class);
  }

  private static <T> T required(T value, String path, String reason) {
    if (value == null) {
      throw new ConfigException(path, reason);
    }
    return value;
  }

  private static String text(String value, String path) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(path, "is required (a text)");
    }
    return value;
  }

  /**
   * A text: a scalar, stripped unless it is all blanks (an SI_CONVERSION of {@code " > "}). A
   * failure is a ConfigException at the field itself (an empty path); {@link #bind} adds the path.
   */
  private static final class Text extends StdDeserializer<String> {
    Text() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return scalar(ctxt.readTree(p));
    }
  }

  /** A global attribute's entries: one text or a list of texts. */
  private static final class Entries extends StdDeserializer<List<String>> {
    Entries() {
      super(List.class);
    }

    @Override
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode v = ctxt.readTree(p);
      List<String> entries = new ArrayList<>();
      if (v.isArray()) {
        v.forEach(e -> entries.add(scalar(e)));
      } else {
        entries.add(scalar(v));
      }
      return entries;
    }
  }

  /** A number written as one (not as a string). */
  private static final class Numeric extends StdDeserializer<Double> {
    Numeric() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode v = ctxt.readTree(p);
      if (!v.isNumber()) {
        throw new ConfigException("", "'" + v.asText() + "' is not a number");
      }
      return v.doubleValue();
    }
  }

  private static String scalar(JsonNode v) {
    if (!v.isValueNode() || v.isNull()) {
      throw new ConfigException("", "must be a text (or a list of texts)");
    }
    return v.asText().strip().isEmpty() ? v.asText() : v.asText().strip();
  }
}

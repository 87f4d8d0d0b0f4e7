package org.magg.pipelines.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.magg.core.ConfigException;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.config.TemporalConfig.StaticDataConfig;
import org.magg.pipelines.config.TemporalConfig.TemporalOutputConfig;
import org.magg.transforms.temporal.DerivedVariable;
import org.magg.transforms.temporal.MetricSpec;

/**
 * Parses the YAML tree of a {@code pipeline.type: temporal} config into a {@link TemporalConfig}.
 */
final class TemporalConfigParser {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TERM =
      Pattern.compile("\\s*([+-])?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");

  private TemporalConfigParser() {}

  static TemporalConfig parse(YamlNode root, String origin, S3Config s3) {
    root.allowOnly("pipeline", "data_source", "aggregation", "output", "s3", "events");
    YamlNode ds = root.child("data_source");
    if (!ds.isPresent()) {
      throw new ConfigException(ds.path(), "is required (collections, static_data)");
    }
    ds.allowOnly("reader", "collections", "static_data", "derived");
    String reader = ds.text("reader", "xarray").toLowerCase(Locale.ROOT);
    if (!List.of("xarray", "netcdf", "zarr", "gridded").contains(reader)) {
      throw new ConfigException(
          ds.path("reader"),
          "'" + reader + "' is not a gridded reader (allowed: xarray, netcdf, zarr, gridded)");
    }
    Map<String, CollectionSpec> collections = collections(ds.child("collections"));
    Map<String, DerivedVariable> derived = derived(ds.child("derived"));
    StaticDataConfig staticData = staticData(ds.child("static_data"));
    YamlNode agg = root.child("aggregation");
    if (!agg.isPresent()) {
      throw new ConfigException(agg.path(), "is required (variables: the metrics)");
    }
    agg.allowOnly("variables", "landfall_region", "precip_extension", "precip_block");
    List<MetricSpec> metrics = metrics(agg.child("variables"));
    String landfall = agg.text("landfall_region", null);
    if (landfall == null) {
      landfall =
          staticData.regions().size() == 1
              ? staticData.regions().keySet().iterator().next()
              : "ais";
    }
    Duration extension = duration(agg, "precip_extension", Duration.ofHours(24));
    Duration block = duration(agg, "precip_block", Duration.ofHours(3));
    if (block.isZero() || extension.toMillis() % block.toMillis() != 0) {
      throw new ConfigException(
          agg.path("precip_extension"),
          "must be a whole number of precip_block (" + block + "), got " + extension);
    }
    YamlNode out = root.child("output");
    out.allowOnly("format", "location", "store");
    String format = out.text("format", "zarr").toLowerCase(Locale.ROOT);
    String location = out.text("location", out.text("store", null));
    TemporalConfig config =
        new TemporalConfig(
            collections,
            staticData,
            derived,
            metrics,
            landfall,
            extension,
            block,
            new TemporalOutputConfig(format, location),
            origin,
            s3);
    TemporalConfigValidator.validate(config, collectionVariables(ds.child("collections")));
    return config;
  }

  private static Map<String, CollectionSpec> collections(YamlNode n) {
    if (!n.isPresent() || n.entries().isEmpty()) {
      throw new ConfigException(n.path(), "at least one collection is required");
    }
    Map<String, CollectionSpec> out = new LinkedHashMap<>();
    int order = 0;
    for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
      YamlNode c =
          e.getValue()
              .allowOnly("doi", "half_hour", "files", "time_step", "variables", "coordinates");
      YamlNode coords = c.child("coordinates").allowOnly("lat", "lon", "time", "lev");
      Boolean half = c.optionalBoolean("half_hour");
      out.put(
          e.getKey(),
          new CollectionSpec(
              e.getKey(),
              order++,
              c.text("doi", null),
              half != null && half,
              c.text("files", null),
              duration(c, "time_step", Duration.ofHours(1)),
              coords.text("lat", "lat"),
              coords.text("lon", "lon"),
              coords.text("time", "time"),
              coords.text("lev", "lev")));
    }
    return out;
  }

  private static Map<String, List<String>> collectionVariables(YamlNode n) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
      out.put(e.getKey(), e.getValue().stringList("variables"));
    }
    return out;
  }

  private static Map<String, DerivedVariable> derived(YamlNode n) {
    Map<String, DerivedVariable> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
      String name = e.getKey();
      if (!IDENT.matcher(name).matches()) {
        throw new ConfigException(n.path(name), "a derived variable name must be an identifier");
      }
      String expr = e.getValue().asText();
      out.put(name, new DerivedVariable(name, expr, terms(n.path(name), expr)));
    }
    return out;
  }

  /** Parses {@code a + b - c}: signed variable names only. */
  static List<DerivedVariable.Term> terms(String path, String expr) {
    List<DerivedVariable.Term> terms = new ArrayList<>();
    Matcher m = TERM.matcher(expr);
    int pos = 0;
    while (pos < expr.length()) {
      if (!m.find(pos) || m.start() != pos || m.end() == pos) {
        throw new ConfigException(
            path,
            "cannot parse '"
                + expr
                + "' at character "
                + (pos + 1)
                + ": expected variable names joined by + or - (for example PRECCU + PRECLS)");
      }
      if (m.group(1) == null && !terms.isEmpty()) {
        throw new ConfigException(
            path, "cannot parse '" + expr + "': expected + or - before '" + m.group(2) + "'");
      }
      terms.add(new DerivedVariable.Term(m.group(2), "-".equals(m.group(1)) ? -1 : 1));
      pos = m.end();
    }
    if (terms.isEmpty()) {
      throw new ConfigException(path, "the expression is empty");
    }
    return terms;
  }

  private static StaticDataConfig staticData(YamlNode n) {
    Map<String, String> regions = new LinkedHashMap<>();
    String areas = "computed";
    String climatology = null;
    for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
      String key = e.getKey();
      String value = e.getValue().asText();
      boolean needsVariable =
          key.endsWith("_mask") || (key.equals("cell_areas") && !value.equals("computed"));
      if (needsVariable && (value.lastIndexOf('#') <= 0 || value.endsWith("#"))) {
        throw new ConfigException(
            n.path(key),
            "expected \"file#variable\" (for example \"AIS_mask.nc#Zwallybasins\""
                + (key.equals("cell_areas") ? ", or computed" : "")
                + "), got '"
                + value
                + "'");
      }
      if (key.equals("cell_areas")) {
        areas = value;
      } else if (key.equals("climatology")) {
        climatology = value;
      } else if (key.endsWith("_mask") && key.length() > 5) {
        regions.put(key.substring(0, key.length() - 5), value);
      } else {
        throw new ConfigException(
            n.path(key),
            "unknown static data (allowed: <region>_mask such as ais_mask, cell_areas,"
                + " climatology)");
      }
    }
    return new StaticDataConfig(regions, areas, climatology);
  }

  private static List<MetricSpec> metrics(YamlNode n) {
    if (!n.isPresent() || n.entries().isEmpty()) {
      throw new ConfigException(n.path(), "at least one metric is required");
    }
    List<MetricSpec> out = new ArrayList<>();
    for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
      YamlNode m =
          e.getValue()
              .allowOnly(
                  "variable",
                  "collection",
                  "spatial_func",
                  "temporal_reducer",
                  "mask",
                  "anomaly",
                  "negate",
                  "precip",
                  "description",
                  "units");
      out.add(
          new MetricSpec(
              e.getKey(),
              m.requiredText("variable"),
              m.requiredText("collection"),
              m.requiredText("spatial_func"),
              m.requiredText("temporal_reducer"),
              m.text("mask", "ais"),
              flag(m, "anomaly"),
              flag(m, "negate"),
              flag(m, "precip")));
    }
    return out;
  }

  private static boolean flag(YamlNode n, String key) {
    Boolean b = n.optionalBoolean(key);
    return b != null && b;
  }

  private static Duration duration(YamlNode n, String key, Duration fallback) {
    String text = n.text(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      if (d.isNegative()) {
        throw new ConfigException(n.path(key), "must not be negative, got " + text);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          n.path(key), "expected an ISO-8601 duration such as PT1H or PT3H, got '" + text + "'");
    }
  }
}

package org.magg.pipelines.config;

import static org.magg.core.YamlBinding.or;
import static org.magg.core.YamlBinding.required;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.magg.core.ConfigException;
import org.magg.core.YamlBinding;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.config.TemporalConfig.StaticDataConfig;
import org.magg.pipelines.config.TemporalConfig.TemporalOutputConfig;
import org.magg.pipelines.config.YamlScalars.Flag;
import org.magg.pipelines.config.YamlScalars.Iso;
import org.magg.pipelines.config.YamlScalars.Texts;
import org.magg.transforms.temporal.DerivedVariable;
import org.magg.transforms.temporal.MetricSpec;

/**
 * The YAML of a {@code pipeline.type: temporal} config: the records Jackson binds it to, magg's
 * defaults, and their mapping onto {@link TemporalConfig}. Cross-field rules are {@link
 * TemporalConfigValidator}'s.
 */
final class TemporalConfigParser {
  private static final List<String> READERS = List.of("xarray", "netcdf", "zarr", "gridded");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TERM =
      Pattern.compile("\\s*([+-])?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");

  private TemporalConfigParser() {}

  static TemporalConfig parse(JsonNode root, String origin) {
    Document d = YamlBinding.bind(root, Document.class);
    S3Config s3 = or(d.s3(), S3Config.NONE);
    s3.toSettings(); // checks every field, naming it
    Source source = d.dataSource();
    Map<String, CollectionSpec> collections = new LinkedHashMap<>();
    Map<String, List<String>> declared = new LinkedHashMap<>();
    for (Map.Entry<String, GriddedCollection> e : source.collections().entrySet()) {
      GriddedCollection c = or(e.getValue(), GriddedCollection.NONE);
      collections.put(e.getKey(), c.toSpec(e.getKey(), collections.size()));
      declared.put(e.getKey(), or(c.variables(), List.of()));
    }
    Aggregation agg = d.aggregation();
    List<MetricSpec> metrics = new ArrayList<>();
    agg.variables().forEach((name, m) -> metrics.add(m.toSpec(name)));
    Map<String, String> regions = source.staticData().regions();
    String onlyRegion = regions.size() == 1 ? regions.keySet().iterator().next() : "ais";
    TemporalConfig config =
        new TemporalConfig(
            collections,
            source.staticData(),
            source.derived(),
            metrics,
            or(agg.landfallRegion(), onlyRegion),
            agg.precipExtension(),
            agg.precipBlock(),
            or(d.output(), Output.NONE).toConfig(),
            origin,
            s3);
    TemporalConfigValidator.validate(config, declared);
    return config;
  }

  /** {@code events} is for the event pipeline: accepted, not used. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Document(
      ConfigLoader.PipelineSection pipeline,
      Source dataSource,
      Aggregation aggregation,
      Output output,
      S3Config s3,
      JsonNode events) {
    Document {
      required(dataSource, "data_source", "is required (collections, static_data)");
      required(aggregation, "aggregation", "is required (variables: the metrics)");
    }
  }

  /** {@code data_source}: the static data and derived variables are parsed as they are bound. */
  record Source(
      Map<String, GriddedCollection> collections,
      StaticDataConfig staticData,
      Map<String, DerivedVariable> derived) {
    @JsonCreator
    static Source fromYaml(
        @JsonProperty("reader") String reader,
        @JsonProperty("collections") Map<String, GriddedCollection> collections,
        @JsonProperty("static_data") @JsonSetter(contentNulls = Nulls.AS_EMPTY)
            Map<String, String> staticData,
        @JsonProperty("derived") @JsonSetter(contentNulls = Nulls.AS_EMPTY)
            Map<String, String> derived) {
      String r = or(reader, "xarray").toLowerCase(Locale.ROOT);
      if (!READERS.contains(r)) {
        throw new ConfigException(
            "reader",
            "'" + r + "' is not a gridded reader (allowed: " + String.join(", ", READERS) + ")");
      }
      if (collections == null || collections.isEmpty()) {
        throw new ConfigException("collections", "at least one collection is required");
      }
      Map<String, DerivedVariable> vars = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : or(derived, Map.<String, String>of()).entrySet()) {
        String name = e.getKey();
        if (!IDENT.matcher(name).matches()) {
          throw new ConfigException(
              "derived." + name, "a derived variable name must be an identifier");
        }
        vars.put(
            name, new DerivedVariable(name, e.getValue(), terms("derived." + name, e.getValue())));
      }
      return new Source(collections, staticDataOf(or(staticData, Map.of())), vars);
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record GriddedCollection(
      String doi,
      @JsonDeserialize(using = Flag.class) Boolean halfHour,
      String files,
      @JsonDeserialize(using = Iso.class) Duration timeStep,
      @JsonDeserialize(using = Texts.class) List<String> variables,
      Axes coordinates,
      String calendar) {
    static final GriddedCollection NONE =
        new GriddedCollection(null, null, null, null, null, null, null);

    CollectionSpec toSpec(String name, int order) {
      Axes axes = or(coordinates, Axes.NONE);
      return new CollectionSpec(
          name,
          order,
          doi,
          Boolean.TRUE.equals(halfHour),
          files,
          or(timeStep, Duration.ofHours(1)),
          or(axes.lat(), "lat"),
          or(axes.lon(), "lon"),
          or(axes.time(), "time"),
          or(axes.lev(), "lev"),
          calendar);
    }
  }

  /** The names of a collection's coordinate variables. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Axes(String lat, String lon, String time, String lev) {
    static final Axes NONE = new Axes(null, null, null, null);
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Aggregation(
      Map<String, Metric> variables,
      String landfallRegion,
      @JsonDeserialize(using = Iso.class) Duration precipExtension,
      @JsonDeserialize(using = Iso.class) Duration precipBlock) {
    Aggregation {
      if (variables == null || variables.isEmpty()) {
        throw new ConfigException("variables", "at least one metric is required");
      }
      variables.forEach((name, m) -> required(m, "variables." + name + ".variable"));
      precipExtension = or(precipExtension, Duration.ofHours(24));
      precipBlock = or(precipBlock, Duration.ofHours(3));
    }
  }

  /** {@code description} and {@code units} are magg's: accepted, not used. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Metric(
      String variable,
      String collection,
      String spatialFunc,
      String temporalReducer,
      String mask,
      @JsonDeserialize(using = Flag.class) Boolean anomaly,
      @JsonDeserialize(using = Flag.class) Boolean negate,
      @JsonDeserialize(using = Flag.class) Boolean precip,
      JsonNode description,
      JsonNode units) {
    Metric {
      required(variable, "variable");
      required(collection, "collection");
      required(spatialFunc, "spatial_func");
      required(temporalReducer, "temporal_reducer");
    }

    MetricSpec toSpec(String name) {
      return new MetricSpec(
          name,
          variable,
          collection,
          spatialFunc,
          temporalReducer,
          or(mask, "ais"),
          Boolean.TRUE.equals(anomaly),
          Boolean.TRUE.equals(negate),
          Boolean.TRUE.equals(precip));
    }
  }

  /** {@code store} is magg's name for {@code location}. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Output(String format, String location, String store) {
    static final Output NONE = new Output(null, null, null);

    TemporalOutputConfig toConfig() {
      return new TemporalOutputConfig(
          or(format, "zarr").toLowerCase(Locale.ROOT), or(location, store));
    }
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

  /** Region masks ({@code <region>_mask}), cell areas and climatology, checked by their keys. */
  private static StaticDataConfig staticDataOf(Map<String, String> entries) {
    Map<String, String> regions = new LinkedHashMap<>();
    String areas = "computed";
    String climatology = null;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      String path = "static_data." + key;
      boolean needsVariable =
          key.endsWith("_mask") || (key.equals("cell_areas") && !value.equals("computed"));
      if (needsVariable && (value.lastIndexOf('#') <= 0 || value.endsWith("#"))) {
        throw new ConfigException(
            path,
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
            path,
            "unknown static data (allowed: <region>_mask such as ais_mask, cell_areas,"
                + " climatology)");
      }
    }
    return new StaticDataConfig(regions, areas, climatology);
  }
}

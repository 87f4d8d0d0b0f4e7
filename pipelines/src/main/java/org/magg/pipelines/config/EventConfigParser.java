package org.magg.pipelines.config;

import static org.magg.core.YamlBinding.or;
import static org.magg.core.YamlBinding.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.YamlBinding;
import org.magg.pipelines.config.EventConfig.EventOutputConfig;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.config.TemporalConfig.TemporalOutputConfig;
import org.magg.pipelines.config.TemporalConfigParser.Aggregation;
import org.magg.pipelines.config.TemporalConfigParser.GriddedCollection;
import org.magg.pipelines.config.TemporalConfigParser.Source;
import org.magg.pipelines.config.YamlScalars.Int;
import org.magg.pipelines.config.YamlScalars.Num;
import org.magg.transforms.temporal.MetricSpec;

/**
 * The YAML of a {@code pipeline.type: event} config: {@code data_source} as a temporal config's,
 * {@code detection}, {@code tracking}, an optional {@code aggregation} (a temporal config's
 * metrics) and {@code output}, bound to records and mapped onto {@link EventConfig}. Cross-field
 * rules are {@link EventConfigValidator}'s.
 */
final class EventConfigParser {
  private EventConfigParser() {}

  static EventConfig parse(JsonNode root, String origin) {
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
    Output out = or(d.output(), Output.NONE);
    EventOutputConfig output =
        new EventOutputConfig(
            or(out.masks(), "none").toLowerCase(Locale.ROOT),
            or(out.format(), "csv").toLowerCase(Locale.ROOT),
            out.location());
    TemporalConfig aggregation = null;
    if (d.aggregation() != null) {
      Aggregation agg = d.aggregation();
      List<MetricSpec> metrics = new ArrayList<>();
      agg.variables().forEach((name, m) -> metrics.add(m.toSpec(name)));
      Map<String, String> regions = source.staticData().regions();
      String onlyRegion = regions.size() == 1 ? regions.keySet().iterator().next() : "ais";
      aggregation =
          new TemporalConfig(
              collections,
              source.staticData(),
              source.derived(),
              metrics,
              or(agg.landfallRegion(), onlyRegion),
              agg.precipExtension(),
              agg.precipBlock(),
              new TemporalOutputConfig(output.format(), null),
              origin,
              s3);
    }
    Detection det = d.detection();
    Tracking tr = d.tracking();
    return EventConfigValidator.validate(
        collections, declared, source.staticData(), det, tr, aggregation, output, origin, s3);
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Document(
      ConfigLoader.PipelineSection pipeline,
      Source dataSource,
      Detection detection,
      Tracking tracking,
      Aggregation aggregation,
      Output output,
      S3Config s3) {
    Document {
      required(dataSource, "data_source", "is required (collections, static_data)");
      required(
          detection,
          "detection",
          "is required in an event config; add a detection section with at least collection and"
              + " expression (docs/events.md)");
      tracking = or(tracking, Tracking.NONE);
    }
  }

  /** {@code detection}: checked against the collections by the validator. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Detection(
      String collection,
      String expression,
      String value,
      @JsonDeserialize(using = Int.class) Integer connectivity,
      @JsonDeserialize(using = Int.class) Integer minCells,
      @JsonDeserialize(using = Num.class) Double minAreaKm2,
      String landfallRegion) {
    Detection {
      required(collection, "collection");
      required(expression, "expression", "is required (a boolean expression, e.g. \"IVT > 250\")");
      connectivity = or(connectivity, 8);
      minCells = or(minCells, 1);
      minAreaKm2 = or(minAreaKm2, 0.0);
    }
  }

  /** {@code tracking}: defaults link at half overlap and keep every event. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Tracking(
      @JsonDeserialize(using = Num.class) Double minOverlap,
      @JsonDeserialize(using = Int.class) Integer minSteps,
      @JsonDeserialize(using = Int.class) Integer maxGapSteps) {
    static final Tracking NONE = new Tracking(null, null, null);

    Tracking {
      minOverlap = or(minOverlap, 0.5);
      minSteps = or(minSteps, 1);
      maxGapSteps = or(maxGapSteps, 0);
    }
  }

  /** {@code output}: {@code store} is accepted as {@code location}'s other name, as temporal. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Output(String masks, String format, String location, String store) {
    static final Output NONE = new Output(null, null, null, null);

    @Override
    public String location() {
      return location != null ? location : store;
    }
  }
}

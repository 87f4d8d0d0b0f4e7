package org.magg.pipelines.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.magg.io.gridded.GriddedCollection;
import org.magg.transforms.temporal.DerivedVariable;
import org.magg.transforms.temporal.MetricSpec;
import org.magg.transforms.temporal.SliceEvaluator;

/**
 * A temporal pipeline config ({@code pipeline.type: temporal}): gridded collections, static data,
 * derived variables and the metrics reduced under each event's mask, parsed once from YAML.
 *
 * @param collections the gridded collections by name, in config order
 * @param staticData region masks, cell areas and climatology
 * @param derived derived variables by name: an expression over one collection's variables
 * @param metrics the metrics computed per event, in config order
 * @param landfallRegion the region an event makes landfall on (the {@code ocean} mask is the event
 *     outside it)
 * @param precipExtension how long after an event's end precipitation metrics keep accumulating
 * @param precipBlock the blocks hourly precipitation amounts are summed in (3 h)
 * @param output the table format and location
 * @param origin where the config came from, for messages
 * @param s3 the optional {@code s3:} section
 */
public record TemporalConfig(
    Map<String, CollectionSpec> collections,
    StaticDataConfig staticData,
    Map<String, DerivedVariable> derived,
    List<MetricSpec> metrics,
    String landfallRegion,
    Duration precipExtension,
    Duration precipBlock,
    TemporalOutputConfig output,
    String origin,
    S3Config s3)
    implements Serializable, MaggConfig {

  @Override
  public PipelineType type() {
    return PipelineType.TEMPORAL;
  }

  public TemporalConfig {
    collections = Map.copyOf(collections);
    derived = Map.copyOf(derived);
    metrics = List.copyOf(metrics);
    s3 = s3 == null ? S3Config.NONE : s3;
  }

  /** The collections in config order. */
  public List<CollectionSpec> collectionList() {
    List<CollectionSpec> out = new ArrayList<>(collections.values());
    out.sort(java.util.Comparator.comparingInt(CollectionSpec::order));
    return out;
  }

  /** The collections some metric reads, in config order. */
  public List<CollectionSpec> usedCollections() {
    Set<String> used = new LinkedHashSet<>();
    metrics.forEach(m -> used.add(m.collection()));
    return collectionList().stream().filter(c -> used.contains(c.name())).toList();
  }

  /** The file variables of {@code collection} the metrics need (derived ones expanded). */
  public List<String> variablesOf(String collection) {
    Set<String> out = new LinkedHashSet<>();
    for (MetricSpec m : metrics) {
      if (m.collection().equals(collection)) {
        DerivedVariable d = derived.get(m.variable());
        if (d != null) {
          out.addAll(d.inputs());
        } else {
          out.add(m.variable());
        }
      }
    }
    return List.copyOf(out);
  }

  /** Whether any metric accumulates precipitation (so event windows extend past the end). */
  public boolean hasPrecip() {
    return metrics.stream().anyMatch(MetricSpec::precip);
  }

  /**
   * A gridded collection; {@code calendar} overrides the files' time calendar (null: theirs), for
   * GPM IMERG V06 whose {@code julian} means UTC seconds.
   */
  public record CollectionSpec(
      String name,
      int order,
      String doi,
      boolean halfHour,
      String files,
      Duration timeStep,
      String latName,
      String lonName,
      String timeName,
      String levName,
      String calendar)
      implements Serializable {

    /** As the canonical constructor, with the files' own calendar. */
    public CollectionSpec(
        String name,
        int order,
        String doi,
        boolean halfHour,
        String files,
        Duration timeStep,
        String latName,
        String lonName,
        String timeName,
        String levName) {
      this(name, order, doi, halfHour, files, timeStep, latName, lonName, timeName, levName, null);
    }

    /** The shift applied to the file's times: -30 min for half-hour (time-averaged) collections. */
    public Duration timeShift() {
      return halfHour ? Duration.ofMinutes(-30) : Duration.ZERO;
    }

    /** The reader's collection: files matching {@code pattern}, reading {@code variables}. */
    public GriddedCollection gridded(String pattern, List<String> variables) {
      GriddedCollection.Builder b =
          GriddedCollection.builder(name)
              .withPattern(pattern)
              .withVariables(variables.toArray(String[]::new))
              .withTimeShift(timeShift())
              .withLatitude(latName)
              .withLongitude(lonName)
              .withTime(timeName)
              .withLevel(levName);
      if (calendar != null) {
        b = b.withCalendar(calendar);
      }
      return b.build();
    }
  }

  /**
   * Static fields on the field grid.
   *
   * @param regions region masks by name ({@code ais} from magg's {@code ais_mask}): {@code
   *     file[#variable]}
   * @param cellAreas {@code file[#variable]}, or {@code computed} for spherical cell areas
   * @param climatology monthly climatology file, or null when no metric needs anomalies
   */
  public record StaticDataConfig(Map<String, String> regions, String cellAreas, String climatology)
      implements Serializable {
    public StaticDataConfig {
      regions = Map.copyOf(regions);
    }
  }

  /** Where the event table goes: always CSV, plus {@code zarr} or {@code netcdf}. */
  public record TemporalOutputConfig(String format, String location) implements Serializable {}

  /** The evaluator of this config's metrics. */
  public SliceEvaluator sliceEvaluator() {
    return new SliceEvaluator(metrics, derived, landfallRegion, precipExtension, precipBlock);
  }
}

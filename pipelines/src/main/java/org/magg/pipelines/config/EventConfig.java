package org.magg.pipelines.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.config.TemporalConfig.StaticDataConfig;
import org.magg.transforms.event.DetectionExpression;
import org.magg.transforms.event.DetectionRules;
import org.magg.transforms.event.TrackingRules;

/**
 * An event pipeline config ({@code pipeline.type: event}): the gridded collections and static data
 * (as a temporal config), how objects are detected in one collection's fields and tracked in time,
 * optionally the temporal metrics computed over the detected events, and the outputs.
 *
 * @param collections the gridded collections by name, in config order
 * @param staticData region masks, cell areas and climatology
 * @param detection how objects are detected
 * @param tracking how objects are linked in time
 * @param aggregation the temporal metrics over the detected events (its collections, static data
 *     and output format), or null for none
 * @param output the outputs
 * @param origin where the config came from, for messages
 * @param s3 the optional {@code s3:} section
 */
public record EventConfig(
    Map<String, CollectionSpec> collections,
    StaticDataConfig staticData,
    Detection detection,
    TrackingRules tracking,
    TemporalConfig aggregation,
    EventOutputConfig output,
    String origin,
    S3Config s3)
    implements Serializable, MaggConfig {

  /** Mask stores {@code output.masks} may ask for. */
  public static final List<String> MASK_FORMATS = List.of("none", "zarr", "netcdf");

  public EventConfig {
    collections = Map.copyOf(collections);
    s3 = s3 == null ? S3Config.NONE : s3;
  }

  @Override
  public PipelineType type() {
    return PipelineType.EVENT;
  }

  /** The collection objects are detected in. */
  public CollectionSpec detectionCollection() {
    return collections.get(detection.collection());
  }

  /** The collections in config order. */
  public List<CollectionSpec> collectionList() {
    List<CollectionSpec> out = new ArrayList<>(collections.values());
    out.sort(java.util.Comparator.comparingInt(CollectionSpec::order));
    return out;
  }

  /**
   * How objects are detected.
   *
   * @param collection the collection whose fields are evaluated
   * @param expression the boolean predicate, parsed
   * @param value the variable whose maximum objects and events report (as the collection names it)
   * @param rules connectivity and minimum sizes
   * @param landfallRegion the static region events make landfall on, or null for none
   * @param names the collection's variables by the names the expression uses: their last path
   *     segment ({@code precipitationCal} for {@code Grid/precipitationCal})
   */
  public record Detection(
      String collection,
      DetectionExpression expression,
      String value,
      DetectionRules rules,
      String landfallRegion,
      Map<String, String> names)
      implements Serializable {

    public Detection {
      names = Map.copyOf(names);
    }

    /** The variables the detection reads from its collection: the expression's and the value. */
    public List<String> variables() {
      Set<String> out = new LinkedHashSet<>();
      for (String v : expression.variables()) {
        out.add(names.getOrDefault(v, v));
      }
      out.add(value);
      return List.copyOf(out);
    }
  }

  /**
   * What a run writes besides catalog.json, lifecycle.csv and tracks.csv.
   *
   * @param masks {@code none}, {@code zarr} or {@code netcdf}: a (time, lat, lon) event-number
   *     store
   * @param format the metrics table's format with an aggregation ({@code netcdf}, {@code zarr},
   *     {@code csv})
   * @param location the output directory, or null (then {@code --output} is needed)
   */
  public record EventOutputConfig(String masks, String format, String location)
      implements Serializable {}
}

package org.magg.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.core.ConfigException;
import org.magg.io.spatial.PointSource;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.temporal.TemporalPipelineFixture;

/**
 * The YAML spellings magg's configs use are accepted, and every refusal names its field and what it
 * expected, the way the configs' tree walker did (the messages below are its messages).
 */
class ConfigYamlTest {

  private static final String ATL06 = ConfigLoader.builtinText("atl06");
  private static final String TEMPORAL = TemporalPipelineFixture.CONFIG;

  @Test
  void numbersAsStringsCaseFreeNamesAndMaggsExtraFields() {
    String yaml =
        String.join(
            "\n",
            "pipeline: {type: SPATIAL, name: x, description: {any: thing}}",
            "data_source:",
            "  reader: H5CORO",
            "  driver: {anything: [1, 2]}",
            "  groups: gt1l",
            "  coordinates: {latitude: lat, longitude: 5}",
            "  variables: {h_li: h}",
            "  quality_filter: {dataset: q, value: '1.5'}",
            "aggregation:",
            "  coordinates: {cell_ids: ~, morton: {fill_value: '-1'}}",
            "  variables:",
            "    count: {function: len, source: h_li, dtype: INT32, units: u, long_name: n}",
            "    h_q: {function: quantile, source: h_li, params: {q: 0.5}, fill_value: 'nan'}",
            "    h_v: {function: var, source: h_li, params: {ddof: 1}, fill_value: ' -1e3 '}",
            "    h_lo: {function: min, source: h_li, dtype: float64, fill_value: '-INF'}",
            "    h_hi: {function: max, source: h_li, fill_value: '.inf'}",
            "output:",
            "  grid: {type: HEALPIX, indexing_scheme: NESTED, child_order: ' 10 ', parent_order: '4'}",
            "  zarr_format: '2'",
            "  compressor: ZSTD",
            "catalog: 123",
            "bounds: {spatial: {lon_min: '-10', lat_min: -80.5, lon_max: 10, lat_max: '-60'}}",
            "s3: {path_style: 'TRUE', requester_pays: yes, max_attempts: '5'}",
            "");
    PipelineConfig c = ConfigLoader.parse(yaml, "t");
    PointSource ds = c.dataSource();
    assertEquals(PointSource.Reader.HDF5, ds.reader());
    assertEquals(List.of("gt1l"), ds.groups());
    assertEquals("5", ds.longitude());
    assertEquals(new PointSource.QualityFilter("q", 1.5), ds.qualityFilter());
    assertEquals(new CoordinateSpec("cell_ids", "uint64", 0), coordinate(c, "cell_ids"));
    assertEquals(new CoordinateSpec("morton", "int64", -1), coordinate(c, "morton"));
    Map<String, VariableSpec> v = c.aggregation().variables();
    assertEquals("int32", v.get("count").dtype());
    assertEquals(0.0, v.get("count").fillValue());
    assertTrue(Double.isNaN(v.get("h_q").fillValue()));
    assertEquals(Map.of("ddof", 1L), v.get("h_v").params());
    assertEquals(-1000.0, v.get("h_v").fillValue());
    assertEquals(Double.NEGATIVE_INFINITY, v.get("h_lo").fillValue());
    assertEquals(Double.POSITIVE_INFINITY, v.get("h_hi").fillValue());
    assertEquals(new GridConfig("healpix", "nested", 10, 4), c.output().grid());
    assertEquals(2, c.output().zarrFormat());
    assertEquals("zstd", c.output().compressor());
    assertEquals(3, c.output().compressionLevel());
    assertEquals("123", c.catalog());
    assertEquals(-10.0, c.bounds().lonMin());
    assertEquals(-60.0, c.bounds().latMax());
    assertEquals(new S3Config(null, null, true, true, null, 5), c.s3());
  }

  private static CoordinateSpec coordinate(PipelineConfig c, String name) {
    return c.aggregation().coordinates().get(name);
  }

  @Test
  void temporalDefaultsAndSpellings() {
    String yaml =
        String.join(
            "\n",
            "pipeline: {type: Temporal}",
            "events: {for: the event pipeline}",
            "data_source:",
            "  reader: NetCDF",
            "  collections:",
            "    A: {half_hour: 'TRUE', time_step: ' pt3h ', variables: T, coordinates: {lev: p}}",
            "    B: ~",
            "  static_data: {grl_mask: 'g.nc#m', climatology: c.nc}",
            "  derived: {S: ' -T+ X '}",
            "aggregation:",
            "  precip_extension: pt6h",
            "  precip_block: PT2H",
            "  variables:",
            "    m: {variable: T, collection: A, spatial_func: max, temporal_reducer: max,"
                + " mask: ocean, anomaly: 'true', negate: FALSE, units: K}",
            "output: {format: CSV, store: out}",
            "");
    TemporalConfig c = (TemporalConfig) ConfigLoader.parseAny(yaml, "t");
    assertEquals(
        new CollectionSpec(
            "A", 0, null, true, null, Duration.ofHours(3), "lat", "lon", "time", "p"),
        c.collections().get("A"));
    assertEquals(
        new CollectionSpec(
            "B", 1, null, false, null, Duration.ofHours(1), "lat", "lon", "time", "lev"),
        c.collections().get("B"));
    assertEquals(Map.of("grl", "g.nc#m"), c.staticData().regions());
    assertEquals("computed", c.staticData().cellAreas());
    assertEquals("grl", c.landfallRegion(), "the only region is where events make landfall");
    assertEquals(List.of("T", "X"), c.derived().get("S").inputs());
    assertEquals(-1, c.derived().get("S").terms().get(0).sign());
    assertEquals(Duration.ofHours(6), c.precipExtension());
    assertEquals(Duration.ofHours(2), c.precipBlock());
    assertTrue(c.metrics().get(0).anomaly());
    assertFalse(c.metrics().get(0).negate());
    assertEquals(new TemporalConfig.TemporalOutputConfig("csv", "out"), c.output());
  }

  private static String spatial(String from, String to) {
    String yaml = ATL06.replace(from, to);
    assertFalse(yaml.equals(ATL06), "the replacement must change the config");
    return message(yaml);
  }

  private static String temporal(String from, String to) {
    String yaml = TEMPORAL.replace(from, to);
    assertFalse(yaml.equals(TEMPORAL), "the replacement must change the config");
    return message(yaml);
  }

  private static String message(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parseAny(yaml, "t.yaml"))
        .getMessage();
  }

  @Test
  void wrongTypesNameTheFieldWhatWasExpectedAndWhatWasGiven() {
    assertEquals(
        "output.grid.child_order: expected an integer, got '12.5'",
        spatial("child_order: 12", "child_order: 12.5"));
    assertEquals(
        "output.grid.child_order: expected an integer, got '99999999999'",
        spatial("child_order: 12", "child_order: 99999999999"));
    assertEquals(
        "output.grid.child_order: expected an integer, got a list",
        spatial("child_order: 12", "child_order: [1]"));
    assertEquals(
        "output.grid.child_order: expected an integer, got ''",
        spatial("child_order: 12", "child_order: ''"));
    assertEquals(
        "data_source.quality_filter.value: expected a number, got 'true'",
        spatial("value: 0", "value: true"));
    assertEquals(
        "data_source.groups: expected a list of strings, got a mapping",
        spatial("groups: [gt1l, gt1r, gt2l, gt2r, gt3l, gt3r]", "groups: {a: 1}"));
    assertEquals(
        "data_source.groups[1]: expected a string",
        spatial("groups: [gt1l, gt1r, gt2l, gt2r, gt3l, gt3r]", "groups: [gt1l, [x]]"));
    assertEquals(
        "aggregation.variables.h_mean.function: expected a single value, got a mapping",
        spatial("function: average", "function: {a: 1}"));
    assertEquals(
        "aggregation.variables.h_min: expected a mapping, got '5'",
        spatial("    h_min:\n      long_name:", "    h_min: 5\n    h_minx:\n      long_name:"));
    assertEquals(
        "aggregation.variables.h_q25.params: expected a mapping, got a list",
        spatial("      params:\n        q: 0.25", "      params: [5]"));
    assertEquals(
        "pipeline: expected a mapping, got 'spatial'",
        spatial("pipeline:\n  type: spatial", "pipeline: spatial"));
    assertEquals("expected a mapping, got a list", message("[1, 2]"));
    assertEquals(
        "s3.max_attempts: expected an integer, got '1.5'",
        message(ATL06 + "\ns3: {max_attempts: 1.5}\n"));
    assertEquals(
        "s3.path_style: expected true or false, got '1'",
        message(ATL06 + "\ns3: {path_style: 1}\n"));
    assertEquals(
        "data_source.collections.A.half_hour: expected true or false, got 'maybe'",
        temporal("half_hour: true", "half_hour: maybe"));
    assertEquals(
        "data_source.collections.A.time_step: expected an ISO-8601 duration such as PT1H or PT3H,"
            + " got '1 hour'",
        temporal("time_step: PT1H", "time_step: 1 hour"));
    assertEquals(
        "data_source.collections.A.time_step: must not be negative, got -PT1H",
        temporal("time_step: PT1H", "time_step: -PT1H"));
    assertEquals(
        "data_source.collections.A.variables[1]: expected a string",
        temporal("variables: [T, P]", "variables: [T, {a: 1}]"));
    assertEquals(
        "data_source.collections.A: expected a mapping, got '5'",
        temporal("    A: {", "    A: 5\n    B: {"));
  }

  @Test
  void missingAndUnknownFieldsAreNamed() {
    assertEquals("output.grid.child_order: is required", spatial("    child_order: 12\n", ""));
    assertEquals(
        "data_source.coordinates.latitude: is required",
        spatial("    latitude: \"/{group}/land_ice_segments/latitude\"\n", ""));
    assertEquals(
        "output.grid.child_ordr: unknown field (allowed here: child_order, indexing_scheme,"
            + " parent_order, type); did you mean 'child_order'?",
        spatial("child_order: 12", "child_ordr: 12"));
    assertEquals(
        "aggregation.coordinates.cell_ids.size: unknown field (allowed here: dtype, fill_value)",
        spatial("    cell_ids:\n", "    cell_ids:\n      size: 3\n"));
    assertEquals(
        "bounds.temporal: temporal bounds are not supported by the spatial pipeline (select"
            + " granules by date when building the catalog instead)",
        message(ATL06 + "\nbounds: {temporal: x}\n"));
    assertEquals(
        "bounds.spatial.lat_max: is required",
        message(ATL06 + "\nbounds: {spatial: {lon_min: 1, lat_min: 2, lon_max: 3}}\n"));
    assertEquals(
        "bounds.spatial: lat_min 20.0 and lat_max 10.0 must satisfy -90 <= lat_min <= lat_max"
            + " <= 90",
        message(
            ATL06 + "\nbounds: {spatial: {lon_min: 1, lat_min: 20, lon_max: 3, lat_max: 10}}\n"));
    assertEquals(
        "data_source.colections: unknown field (allowed here: collections, derived, reader,"
            + " static_data); did you mean 'collections'?",
        temporal("  collections:", "  colections:"));
    assertEquals(
        "aggregation.variables.max_T_ais.variable: is required",
        temporal("max_T_ais: {variable: T, ", "max_T_ais: {"));
    assertEquals(
        "aggregation.variables.max_T_ais.variable: is required",
        temporal(
            "    max_T_ais: {variable: T, collection: A, spatial_func: max, temporal_reducer: max,"
                + " mask: ais}",
            "    max_T_ais: ~"));
    assertEquals(
        "catalog: unknown field (allowed here: aggregation, data_source, events, output, pipeline,"
            + " s3)",
        message(TEMPORAL + "catalog: x\n"));
    assertEquals(
        "data_source.static_data.rivers: unknown static data (allowed: <region>_mask such as"
            + " ais_mask, cell_areas, climatology)",
        temporal("    cell_areas: 'static/area.nc#area'", "    rivers: x"));
    assertEquals(
        "data_source.derived.1x: a derived variable name must be an identifier",
        temporal("  static_data:", "  derived: {1x: 'A + B'}\n  static_data:"));
    assertEquals(
        "aggregation.precip_extension: must be a whole number of precip_block (PT3H), got PT5H",
        temporal("aggregation:", "aggregation:\n  precip_extension: PT5H"));
  }
}

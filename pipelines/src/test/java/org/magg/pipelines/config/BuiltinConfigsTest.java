package org.magg.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.io.spatial.PointSource;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.config.TemporalConfig.StaticDataConfig;
import org.magg.pipelines.config.TemporalConfig.TemporalOutputConfig;
import org.magg.transforms.temporal.DerivedVariable;
import org.magg.transforms.temporal.MetricSpec;

/**
 * Every built-in config loads to the record written out here by hand from {@code configs/*.yaml},
 * with magg's defaults filled in (coordinates' fill 0, float variables' fill NaN, zarr format 3, no
 * compressor at level 5, one-hour time steps, the collections' {@code lat/lon/time/lev}).
 */
class BuiltinConfigsTest {

  private static final double NAN = Double.NaN;

  /** The aggregation section shared by atl06.yaml and atl06_csv.yaml. */
  private static AggregationConfig atl06Aggregation() {
    Map<String, CoordinateSpec> coordinates = new LinkedHashMap<>();
    coordinates.put("cell_ids", new CoordinateSpec("cell_ids", "uint64", 0));
    coordinates.put("morton", new CoordinateSpec("morton", "int64", 0));
    Map<String, VariableSpec> variables = new LinkedHashMap<>();
    for (VariableSpec v :
        List.of(
            new VariableSpec("count", "len", "h_li", Map.of(), null, "int32", 0),
            new VariableSpec("h_min", "min", "h_li", Map.of(), null, "float32", NAN),
            new VariableSpec("h_max", "max", "h_li", Map.of(), null, "float32", NAN),
            new VariableSpec(
                "h_mean",
                "average",
                "h_li",
                Map.of("weights", "1.0 / s_li**2"),
                null,
                "float32",
                NAN),
            new VariableSpec(
                "h_sigma", null, null, Map.of(), "1.0 / sqrt(sum(1.0 / s_li**2))", "float32", NAN),
            new VariableSpec("h_variance", "var", "h_li", Map.of(), null, "float32", NAN),
            new VariableSpec("h_q25", "quantile", "h_li", Map.of("q", 0.25), null, "float32", NAN),
            new VariableSpec("h_q50", "quantile", "h_li", Map.of("q", 0.5), null, "float32", NAN),
            new VariableSpec(
                "h_q75", "quantile", "h_li", Map.of("q", 0.75), null, "float32", NAN))) {
      variables.put(v.name(), v);
    }
    // what each stored array says of itself: long_name and units
    describe(variables, "count", "number of points in the cell", "1");
    describe(variables, "h_min", "minimum land-ice height", "m");
    describe(variables, "h_max", "maximum land-ice height", "m");
    describe(variables, "h_mean", "mean land-ice height, weighted by 1 / h_li_sigma**2", "m");
    describe(variables, "h_sigma", "uncertainty of the weighted mean height", "m");
    describe(variables, "h_variance", "variance of land-ice height", "m2");
    describe(variables, "h_q25", "25th percentile of land-ice height", "m");
    describe(variables, "h_q50", "median land-ice height", "m");
    describe(variables, "h_q75", "75th percentile of land-ice height", "m");
    return new AggregationConfig(coordinates, variables);
  }

  private static void describe(
      Map<String, VariableSpec> variables, String name, String longName, String units) {
    VariableSpec v = variables.get(name);
    variables.put(
        name,
        new VariableSpec(
            v.name(),
            v.function(),
            v.source(),
            v.params(),
            v.expression(),
            v.dtype(),
            v.fillValue(),
            Map.of("long_name", longName, "units", units)));
  }

  private static final OutputConfig HEALPIX_12 =
      new OutputConfig(new GridConfig("healpix", "nested", 12, null), null, 3, "none", 5);

  @Test
  void atl06() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("h_li", "/{group}/land_ice_segments/h_li");
    variables.put("s_li", "/{group}/land_ice_segments/h_li_sigma");
    PointSource source =
        new PointSource(
            PointSource.Reader.HDF5,
            List.of("gt1l", "gt1r", "gt2l", "gt2r", "gt3l", "gt3r"),
            "/{group}/land_ice_segments/latitude",
            "/{group}/land_ice_segments/longitude",
            variables,
            new PointSource.QualityFilter("/{group}/land_ice_segments/atl06_quality_summary", 0));
    PipelineConfig expected =
        new PipelineConfig(
            PipelineType.SPATIAL,
            source,
            atl06Aggregation(),
            HEALPIX_12,
            null,
            null,
            "builtin:atl06",
            S3Config.NONE);
    PipelineConfig loaded = ConfigLoader.builtin("atl06");
    assertEquals(expected, loaded);
    assertOrder(expected, loaded);
  }

  @Test
  void atl06Csv() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("h_li", "h");
    variables.put("s_li", "s");
    PointSource source =
        new PointSource(
            PointSource.Reader.CSV,
            List.of(),
            "lat",
            "lon",
            variables,
            new PointSource.QualityFilter("quality", 0));
    PipelineConfig expected =
        new PipelineConfig(
            PipelineType.SPATIAL,
            source,
            atl06Aggregation(),
            HEALPIX_12,
            null,
            null,
            "builtin:atl06_csv",
            S3Config.NONE);
    PipelineConfig loaded = ConfigLoader.builtin("atl06_csv");
    assertEquals(expected, loaded);
    assertOrder(expected, loaded);
  }

  /** Record equality ignores the maps' order; the config's order is the output's. */
  private static void assertOrder(PipelineConfig expected, PipelineConfig loaded) {
    assertEquals(
        List.copyOf(expected.dataSource().variables().keySet()),
        List.copyOf(loaded.dataSource().variables().keySet()));
    assertEquals(
        List.copyOf(expected.aggregation().coordinates().keySet()),
        List.copyOf(loaded.aggregation().coordinates().keySet()));
    assertEquals(
        List.copyOf(expected.aggregation().variables().keySet()),
        List.copyOf(loaded.aggregation().variables().keySet()));
  }

  @Test
  void merra2Storm() {
    Duration hour = Duration.ofHours(1);
    List<CollectionSpec> collections =
        List.of(
            collection(
                "T2M_TQV_SLP",
                0,
                "10.5067/3Z173KIE2TPD",
                false,
                "**/MERRA2_*.inst1_2d_asm_Nx.*.nc4",
                hour),
            collection(
                "VFLXQV_PRECIP",
                1,
                "10.5067/Q5GVUVUIVGO7",
                true,
                "**/MERRA2_*.tavg1_2d_int_Nx.*.nc4",
                hour),
            collection(
                "V850", 2, "10.5067/VJAFPLI1CSIV", true, "**/MERRA2_*.tavg1_2d_slv_Nx.*.nc4", hour),
            collection(
                "OMEGA",
                3,
                "10.5067/QBZ6MG944HW0",
                false,
                "**/MERRA2_*.inst3_3d_asm_Np.*.nc4",
                Duration.ofHours(3)),
            collection("climatology", 4, "10.5067/5ESKGQTZG7FO", false, null, hour));
    Map<String, CollectionSpec> byName = new LinkedHashMap<>();
    collections.forEach(c -> byName.put(c.name(), c));
    StaticDataConfig staticData =
        new StaticDataConfig(
            Map.of("ais", "AIS_Full_basins_Zwally_MERRA2grid_new.nc#Zwallybasins"),
            "MERRA2_gridarea.nc#cell_area",
            "MERRA2_monthly_climatology.nc");
    DerivedVariable rainfall =
        new DerivedVariable(
            "_rainfall",
            "PRECCU + PRECLS",
            List.of(new DerivedVariable.Term("PRECCU", 1), new DerivedVariable.Term("PRECLS", 1)));
    String t2m = "T2M_TQV_SLP";
    String vflx = "VFLXQV_PRECIP";
    List<MetricSpec> metrics =
        List.of(
            new MetricSpec("max_T2m_ais", "T2M", t2m, "max", "max", "ais", false, false, false),
            new MetricSpec(
                "max_T2M_anomaly_ais", "T2M", t2m, "max", "max", "ais", true, false, false),
            new MetricSpec("max_IWV_ais", "TQV", t2m, "max", "max", "ais", false, false, false),
            new MetricSpec(
                "max_IWV_anomaly_ais", "TQV", t2m, "max", "max", "ais", true, false, false),
            new MetricSpec(
                "min_SLP", "SLP", t2m, "min", "first_landfall", "ocean", false, false, false),
            new MetricSpec(
                "max_SLP_gradient",
                "SLP",
                t2m,
                "max_gradient",
                "first_landfall",
                "ocean",
                false,
                false,
                false),
            new MetricSpec(
                "avg_vIVT_ais",
                "VFLXQV",
                vflx,
                "weighted_mean",
                "weighted_mean",
                "ais",
                false,
                true,
                false),
            new MetricSpec("max_vIVT_ais", "VFLXQV", vflx, "max", "max", "ais", false, true, false),
            new MetricSpec("max_vIVT", "VFLXQV", vflx, "max", "max", "full", false, false, false),
            new MetricSpec(
                "cumulative_rainfall_ais",
                "_rainfall",
                vflx,
                "weighted_sum",
                "sum",
                "ais",
                false,
                false,
                true),
            new MetricSpec(
                "cumulative_snowfall_ais",
                "PRECSN",
                vflx,
                "weighted_sum",
                "sum",
                "ais",
                false,
                false,
                true),
            new MetricSpec(
                "max_landfalling_v850hPa",
                "V850",
                "V850",
                "max",
                "first_landfall",
                "ocean",
                false,
                true,
                false),
            new MetricSpec(
                "avg_landfalling_v850hPa",
                "V850",
                "V850",
                "weighted_mean",
                "first_landfall",
                "ocean",
                false,
                true,
                false),
            new MetricSpec(
                "avg_landfalling_minomega",
                "OMEGA",
                "OMEGA",
                "min_over_levels",
                "first_landfall",
                "ais",
                false,
                false,
                false));
    TemporalConfig expected =
        new TemporalConfig(
            byName,
            staticData,
            Map.of("_rainfall", rainfall),
            metrics,
            "ais",
            Duration.ofHours(24),
            Duration.ofHours(3),
            new TemporalOutputConfig("zarr", null),
            "builtin:merra2_storm",
            S3Config.NONE);
    TemporalConfig loaded = ConfigLoader.loadTemporal("merra2_storm", null);
    assertEquals(expected, loaded);
    assertEquals(collections, loaded.collectionList());
  }

  private static CollectionSpec collection(
      String name, int order, String doi, boolean halfHour, String files, Duration step) {
    return new CollectionSpec(name, order, doi, halfHour, files, step, "lat", "lon", "time", "lev");
  }
}

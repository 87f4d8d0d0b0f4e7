package org.magg.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.magg.core.ConfigException;
import org.magg.transforms.temporal.DerivedVariable;

/** The built-in merra2_storm config against the original's table, and temporal validation. */
class TemporalConfigTest {

  /**
   * The original merra2_storm.yaml, metric by metric: variable, collection, spatial function,
   * temporal reducer, mask, anomaly, negate, precip.
   */
  private static final List<String> ORIGINAL =
      List.of(
          "max_T2m_ais T2M T2M_TQV_SLP max max ais - - -",
          "max_T2M_anomaly_ais T2M T2M_TQV_SLP max max ais anomaly - -",
          "max_IWV_ais TQV T2M_TQV_SLP max max ais - - -",
          "max_IWV_anomaly_ais TQV T2M_TQV_SLP max max ais anomaly - -",
          "min_SLP SLP T2M_TQV_SLP min first_landfall ocean - - -",
          "max_SLP_gradient SLP T2M_TQV_SLP max_gradient first_landfall ocean - - -",
          "avg_vIVT_ais VFLXQV VFLXQV_PRECIP weighted_mean weighted_mean ais - negate -",
          "max_vIVT_ais VFLXQV VFLXQV_PRECIP max max ais - negate -",
          "max_vIVT VFLXQV VFLXQV_PRECIP max max full - - -",
          "cumulative_rainfall_ais _rainfall VFLXQV_PRECIP weighted_sum sum ais - - precip",
          "cumulative_snowfall_ais PRECSN VFLXQV_PRECIP weighted_sum sum ais - - precip",
          "max_landfalling_v850hPa V850 V850 max first_landfall ocean - negate -",
          "avg_landfalling_v850hPa V850 V850 weighted_mean first_landfall ocean - negate -",
          "avg_landfalling_minomega OMEGA OMEGA min_over_levels first_landfall ais - - -");

  private static TemporalConfig builtin() {
    return ConfigLoader.loadTemporal("merra2_storm", null);
  }

  @Test
  void merra2StormHasTheOriginalsFourteenMetrics() {
    TemporalConfig c = builtin();
    List<String> ours =
        c.metrics().stream()
            .map(
                m ->
                    String.join(
                        " ",
                        m.name(),
                        m.variable(),
                        m.collection(),
                        m.spatialFunction(),
                        m.temporalReducer(),
                        m.mask(),
                        m.anomaly() ? "anomaly" : "-",
                        m.negate() ? "negate" : "-",
                        m.precip() ? "precip" : "-"))
            .toList();
    assertEquals(ORIGINAL, ours);
    assertEquals(
        List.of("T2M_TQV_SLP", "VFLXQV_PRECIP", "V850", "OMEGA", "climatology"),
        c.collectionList().stream().map(TemporalConfig.CollectionSpec::name).toList());
    assertTrue(c.collections().get("VFLXQV_PRECIP").halfHour());
    assertEquals(Duration.ofMinutes(-30), c.collections().get("V850").timeShift());
    assertEquals(Duration.ZERO, c.collections().get("OMEGA").timeShift());
    assertEquals(Duration.ofHours(3), c.collections().get("OMEGA").timeStep());
    assertEquals(List.of("PRECCU", "PRECLS"), c.derived().get("_rainfall").inputs());
    assertEquals(List.of("VFLXQV", "PRECCU", "PRECLS", "PRECSN"), c.variablesOf("VFLXQV_PRECIP"));
    assertEquals("ais", c.landfallRegion());
    assertEquals(Duration.ofHours(24), c.precipExtension());
    assertEquals(Duration.ofHours(3), c.precipBlock());
    assertEquals(
        Map.of("ais", "AIS_Full_basins_Zwally_MERRA2grid_new.nc#Zwallybasins"),
        c.staticData().regions());
  }

  private static final String BASE =
      String.join(
          "\n",
          "pipeline: {type: temporal}",
          "data_source:",
          "  collections:",
          "    A: {variables: [T, P, Q]}",
          "  static_data: {ais_mask: 'r.nc#m'}",
          "  derived: {S: 'P + Q'}",
          "aggregation:",
          "  variables:",
          "    m: {variable: T, collection: A, spatial_func: max, temporal_reducer: max, mask: ais}",
          "");

  private static ConfigException invalid(String from, String to) {
    String yaml = BASE.replace(from, to);
    assertFalse(yaml.equals(BASE), "the replacement must change the config");
    return assertThrows(ConfigException.class, () -> ConfigLoader.parseAny(yaml, "test.yaml"));
  }

  @Test
  void validationNamesTheFieldAndWhatIsAllowed() {
    assertTrue(ConfigLoader.parseAny(BASE, "test.yaml") instanceof TemporalConfig);
    ConfigException e = invalid("collection: A", "collection: B");
    assertEquals("aggregation.variables.m.collection", e.fieldPath());
    assertTrue(e.getMessage().contains("defined: A"), e.getMessage());
    e = invalid("variable: T", "variable: X");
    assertTrue(e.getMessage().contains("'X' is not a variable of collection A"), e.getMessage());
    assertTrue(e.getMessage().contains("derived: S"), e.getMessage());
    e = invalid("spatial_func: max", "spatial_func: mean");
    assertEquals("aggregation.variables.m.spatial_func", e.fieldPath());
    e = invalid("temporal_reducer: max", "temporal_reducer: median");
    assertEquals("aggregation.variables.m.temporal_reducer", e.fieldPath());
    e = invalid("mask: ais", "mask: greenland");
    assertTrue(e.getMessage().contains("full, ocean"), e.getMessage());
    e = invalid("mask: ais}", "mask: ais, anomaly: true}");
    assertEquals("aggregation.variables.m.anomaly", e.fieldPath());
    e = invalid("temporal_reducer: max", "temporal_reducer: weighted_mean");
    assertTrue(e.getMessage().contains("pairs"), e.getMessage());
    e =
        invalid(
            "spatial_func: max, temporal_reducer: max",
            "spatial_func: weighted_mean, temporal_reducer: max");
    assertTrue(e.getMessage().contains("weighted_mean or first_landfall"), e.getMessage());
    e = invalid("S: 'P + Q'", "S: 'P + * Q'");
    assertEquals("data_source.derived.S", e.fieldPath());
    e = invalid("ais_mask: 'r.nc#m'", "ais_mask: 'r.nc'");
    assertEquals("data_source.static_data.ais_mask", e.fieldPath());
    e = invalid("variable: T,", "variable: S, precip: true, unknown: 1,");
    assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
  }

  @Test
  void derivedVariablesResolveToTheirInputs() {
    TemporalConfig c =
        (TemporalConfig)
            ConfigLoader.parseAny(BASE.replace("variable: T,", "variable: S,"), "t.yaml");
    assertEquals(List.of("P", "Q"), c.variablesOf("A"));
    List<DerivedVariable.Term> terms = TemporalConfigParser.terms("x", "A - B + C_2");
    assertEquals(
        "+A -B +C_2",
        terms.stream()
            .map(t -> (t.sign() > 0 ? "+" : "-") + t.variable())
            .collect(Collectors.joining(" ")));
  }

  @Test
  void spatialLoadersRefuseTemporalConfigs() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.builtin("merra2_storm"));
    assertTrue(e.getMessage().contains("temporal"), e.getMessage());
  }
}

package org.magg.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.ConfigException;
import org.magg.core.grid.SpatialBounds;
import org.magg.io.spatial.PointSource;

class ConfigLoaderTest {

  @Test
  void builtinAtl06MirrorsMagg() {
    PipelineConfig c = ConfigLoader.builtin("atl06");
    assertEquals(PipelineType.SPATIAL, c.type());
    assertEquals(PointSource.Reader.HDF5, c.dataSource().reader());
    assertThat(c.dataSource().groups(), contains("gt1l", "gt1r", "gt2l", "gt2r", "gt3l", "gt3r"));
    assertEquals("/{group}/land_ice_segments/h_li_sigma", c.dataSource().variables().get("s_li"));
    assertEquals(
        "/gt2r/land_ice_segments/latitude", PointSource.resolve(c.dataSource().latitude(), "gt2r"));
    assertEquals(
        "/{group}/land_ice_segments/atl06_quality_summary",
        c.dataSource().qualityFilter().dataset());
    assertEquals(0.0, c.dataSource().qualityFilter().value());
    assertThat(
        c.aggregation().variables().keySet(),
        contains(
            "count",
            "h_min",
            "h_max",
            "h_mean",
            "h_sigma",
            "h_variance",
            "h_q25",
            "h_q50",
            "h_q75"));
    VariableSpec count = c.aggregation().variables().get("count");
    assertEquals("len", count.function());
    assertEquals("int32", count.dtype());
    assertEquals(0.0, count.fillValue());
    VariableSpec mean = c.aggregation().variables().get("h_mean");
    assertEquals("1.0 / s_li**2", mean.params().get("weights"));
    assertTrue(Double.isNaN(mean.fillValue()));
    assertEquals(
        0.25, ((Number) c.aggregation().variables().get("h_q25").params().get("q")).doubleValue());
    assertEquals("uint64", c.aggregation().coordinates().get("cell_ids").dtype());
    assertEquals("int64", c.aggregation().coordinates().get("morton").dtype());
    assertEquals(12, c.output().grid().childOrder());
    assertEquals("nested", c.output().grid().indexingScheme());
    assertEquals(3, c.output().zarrFormat());
    assertNull(c.catalog());
  }

  @Test
  void maggConfigLoadsUnchanged() {
    // magg's own atl06.yaml: h5coro reader, numpy spelling, no pipeline section.
    String magg =
        String.join(
            "\n",
            "data_source:",
            "  reader: h5coro",
            "  groups: [gt1l, gt1r]",
            "  coordinates:",
            "    latitude: \"/{group}/land_ice_segments/latitude\"",
            "    longitude: \"/{group}/land_ice_segments/longitude\"",
            "  variables:",
            "    h_li: \"/{group}/land_ice_segments/h_li\"",
            "    s_li: \"/{group}/land_ice_segments/h_li_sigma\"",
            "aggregation:",
            "  variables:",
            "    h_sigma:",
            "      expression: \"1.0 / np.sqrt(np.sum(1.0 / s_li**2))\"",
            "      dtype: float32",
            "output:",
            "  grid:",
            "    type: healpix",
            "    indexing_scheme: nested",
            "    child_order: 12",
            "");
    PipelineConfig c = ConfigLoader.parse(magg, "magg.yaml");
    assertEquals(PipelineType.SPATIAL, c.type());
    assertEquals(PointSource.Reader.HDF5, c.dataSource().reader());
    assertNull(c.dataSource().qualityFilter());
    assertThat(c.aggregation().coordinates().keySet(), contains("cell_ids", "morton"));
  }

  @Test
  void unknownSourceIsNamedWithTheKnownOnes() {
    String yaml =
        ConfigLoader.builtinText("atl06")
            .replace(
                "source: h_li\n      params:\n        weights",
                "source: h\n      params:\n        weights");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "t"));
    assertThat(e.getMessage(), containsString("aggregation.variables.h_mean.source"));
    assertThat(e.getMessage(), containsString("'h'"));
    assertThat(e.getMessage(), containsString("h_li, s_li"));
  }

  @Test
  void descriptiveFieldsAreKeptAsTextAndRefusedOtherwise() {
    String yaml =
        ConfigLoader.builtinText("atl06")
            .replace(
                "    h_min:\n      long_name: \"minimum land-ice height\"\n      units: \"m\"\n",
                "    h_min:\n      units: m\n      description: 42\n");
    PipelineConfig c = ConfigLoader.parse(yaml, "t");
    assertEquals(
        Map.of("units", "m", "description", "42"),
        c.aggregation().variables().get("h_min").attributes());
    String bad = yaml.replace("      units: m\n", "      units: [m, s]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(bad, "t"));
    assertEquals("aggregation.variables.h_min.units", e.fieldPath());
    assertThat(e.getMessage(), containsString("expected text"));
  }

  @Test
  void unknownFieldIsRefusedWithItsPath() {
    String yaml =
        ConfigLoader.builtinText("atl06").replace("output:\n", "output:\n  colour: red\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "t"));
    assertEquals("output.colour", e.fieldPath());
    assertThat(e.getMessage(), containsString("unknown field"));
    assertThat(e.getMessage(), containsString("grid"));

    ConfigException top =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse(ConfigLoader.builtinText("atl06") + "\nextra: 1\n", "t"));
    assertEquals("extra", top.fieldPath());
  }

  @Test
  void badValuesNameFieldAndAllowedValues() {
    String base = ConfigLoader.builtinText("atl06");
    ConfigException order =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse(base.replace("child_order: 12", "child_order: 19"), "t"));
    assertThat(order.getMessage(), containsString("output.grid.child_order: 19 is out of range"));

    ConfigException scheme =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    base.replace("indexing_scheme: nested", "indexing_scheme: ring"), "t"));
    assertThat(scheme.getMessage(), containsString("allowed: nested"));

    ConfigException dtype =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse(base.replace("dtype: int32", "dtype: int33"), "t"));
    assertThat(dtype.getMessage(), containsString("aggregation.variables.count.dtype"));

    ConfigException type =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse(base.replace("type: spatial", "type: banana"), "t"));
    assertThat(type.getMessage(), containsString("allowed: spatial, temporal, event"));

    ConfigException reader =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse(base.replace("reader: hdf5", "reader: netcdf"), "t"));
    assertThat(reader.getMessage(), containsString("data_source.reader"));

    ConfigException q =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse(base.replace("q: 0.25", "q: 1.5"), "t"));
    assertThat(q.getMessage(), containsString("h_q25"));

    ConfigException yaml =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("data_source: [unclosed", "broken.yaml"));
    assertThat(yaml.getMessage(), containsString("broken.yaml is not valid YAML"));
    // one line: where, and what the parser expected (not its quoted source lines and carets)
    assertThat(
        yaml.getMessage(), containsString("YAML: while parsing a flow sequence; expected ','"));
    assertThat(yaml.getMessage(), containsString(" (line 1, column 23)"));
    assertFalse(yaml.getMessage().contains("\n"), yaml.getMessage());
  }

  @Test
  void fileOrNameAndMissingFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mine.yaml");
    Files.writeString(f, ConfigLoader.builtinText("atl06_csv"));
    PipelineConfig c = ConfigLoader.loadFileOrName(f.toString());
    assertEquals(PointSource.Reader.CSV, c.dataSource().reader());
    assertEquals("h", c.dataSource().variables().get("h_li"));
    assertThat(c.origin(), is(f.toString()));
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.loadFileOrName(dir.resolve("nope.yaml").toString()));
    assertThat(missing.getMessage(), containsString("does not exist"));
    ConfigException name =
        assertThrows(ConfigException.class, () -> ConfigLoader.loadFileOrName("atl99"));
    assertThat(name.getMessage(), containsString("built-in: atl06, atl06_csv"));
  }

  @Test
  void spatialBoundsParseAndContain() {
    String yaml =
        ConfigLoader.builtinText("atl06")
            + "\nbounds:\n  spatial: {lon_min: 170, lat_min: -80, lon_max: -170, lat_max: -60}\n";
    SpatialBounds b = ConfigLoader.parse(yaml, "t").bounds();
    assertTrue(b.contains(175, -70));
    assertTrue(b.contains(-175, -70));
    assertTrue(b.contains(185, -70));
    assertTrue(!b.contains(0, -70));
    assertTrue(!b.contains(175, -50));
  }
}

package org.magg.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.core.ConfigException;

/** Parsing and validation of {@code pipeline.type: event} configs: defaults and field paths. */
class EventConfigTest {
  private static final String BASE =
      String.join(
          "\n",
          "pipeline: {type: event}",
          "data_source:",
          "  collections:",
          "    IVT: {files: 'ivt_*.nc', time_step: PT3H, variables: [IVT, TQV]}",
          "  static_data:",
          "    ais_mask: 'mask.nc#m'",
          "detection:",
          "  collection: IVT",
          "  expression: \"IVT > monthly('ivt_p85.nc#IVT') and TQV > 10\"",
          "");

  private static EventConfig parse(String yaml) {
    return (EventConfig) ConfigLoader.parseAny(yaml, "test.yaml");
  }

  private static ConfigException refused(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml));
  }

  @Test
  void defaultsAndDerivedSettings() {
    EventConfig c = parse(BASE);
    assertEquals(PipelineType.EVENT, c.type());
    EventConfig.Detection d = c.detection();
    assertEquals("IVT", d.collection());
    assertEquals("IVT", d.value()); // the first variable of the expression
    assertEquals(List.of("IVT", "TQV"), d.variables());
    assertEquals(8, d.rules().connectivity());
    assertEquals(1, d.rules().minCells());
    assertEquals(0.0, d.rules().minAreaKm2());
    assertEquals("ais", d.landfallRegion()); // the only region
    assertEquals(1, d.expression().fields().size());
    assertEquals(0.5, c.tracking().minOverlap());
    assertEquals(1, c.tracking().minSteps());
    assertEquals(0, c.tracking().maxGapSteps());
    assertNull(c.aggregation());
    assertEquals("none", c.output().masks());
  }

  @Test
  void everySettingIsRead() {
    EventConfig c =
        parse(
            BASE.replace(
                    "  expression:",
                    "  value: TQV\n  connectivity: 4\n  min_cells: 3\n"
                        + "  min_area_km2: 1000\n  landfall_region: ais\n  expression:")
                + String.join(
                    "\n",
                    "tracking: {min_overlap: 1, min_steps: 2, max_gap_steps: 1}",
                    "aggregation:",
                    "  variables:",
                    "    max_ivt: {variable: IVT, collection: IVT, spatial_func: max,"
                        + " temporal_reducer: max, mask: full}",
                    "output: {masks: zarr, format: netcdf, location: out}",
                    ""));
    assertEquals("TQV", c.detection().value());
    assertEquals(4, c.detection().rules().connectivity());
    assertEquals(3, c.detection().rules().minCells());
    assertEquals(1000.0, c.detection().rules().minAreaKm2());
    assertEquals(1.0, c.tracking().minOverlap());
    assertEquals(2, c.tracking().minSteps());
    assertEquals(1, c.tracking().maxGapSteps());
    assertEquals("max_ivt", c.aggregation().metrics().get(0).name());
    assertEquals("zarr", c.output().masks());
    assertEquals("netcdf", c.output().format());
    assertEquals("out", c.output().location());
  }

  @Test
  void errorsNameTheField() {
    ConfigException e = refused(BASE.replace("collection: IVT", "collection: X"));
    assertEquals("detection.collection", e.fieldPath());
    e = refused(BASE.replace("IVT > monthly", "SLP > monthly"));
    assertEquals("detection.expression", e.fieldPath());
    assertTrue(e.getMessage().contains("unknown variable 'SLP'"), e.getMessage());
    e = refused(BASE.replace("\"IVT > monthly('ivt_p85.nc#IVT') and TQV > 10\"", "IVT + 1"));
    assertEquals("detection.expression", e.fieldPath());
    assertTrue(e.getMessage().contains("is not boolean"), e.getMessage());
    e = refused(BASE.replace(", variables: [IVT, TQV]", ""));
    assertEquals("data_source.collections.IVT.variables", e.fieldPath());
    e = refused(BASE + "  value: SLP\n");
    assertEquals("detection.value", e.fieldPath());
    e = refused(BASE + "  connectivity: 6\n");
    assertEquals("detection.connectivity", e.fieldPath());
    assertTrue(e.getMessage().contains("expected 4 or 8"), e.getMessage());
    e = refused(BASE + "  min_cells: 0\n");
    assertEquals("detection.min_cells", e.fieldPath());
    e = refused(BASE + "  landfall_region: greenland\n");
    assertEquals("detection.landfall_region", e.fieldPath());
    e = refused(BASE + "tracking: {min_overlap: 0}\n");
    assertEquals("tracking.min_overlap", e.fieldPath());
    assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
    e = refused(BASE + "tracking: {min_overlap: 1.01}\n");
    assertEquals("tracking.min_overlap", e.fieldPath());
    e = refused(BASE + "tracking: {max_gap_steps: -1}\n");
    assertEquals("tracking.max_gap_steps", e.fieldPath());
    e = refused(BASE + "tracking: {min_ovrlap: 0.5}\n");
    assertEquals("tracking.min_ovrlap", e.fieldPath());
    e = refused(BASE + "output: {masks: hdf5}\n");
    assertEquals("output.masks", e.fieldPath());
    e =
        refused(
            BASE
                + "aggregation:\n  variables:\n    m: {variable: SLP, collection: IVT,"
                + " spatial_func: max, temporal_reducer: max, mask: full}\n");
    assertEquals("aggregation.variables.m.variable", e.fieldPath());
    e = refused(BASE.replace("detection:", "detectoin:"));
    assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
  }
}

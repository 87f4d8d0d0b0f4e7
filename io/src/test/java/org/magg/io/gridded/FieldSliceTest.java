package org.magg.io.gridded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;

class FieldSliceTest {

  static FieldSlice slice(Instant t, double bias) {
    double[] lat = {-1, 0, 1};
    double[] lon = {10, 20};
    Map<String, GridSlice> vars = new LinkedHashMap<>();
    vars.put("T", GridSlice.of(lat, lon, new double[] {1, 2, Double.NaN, 4, 5, bias}));
    vars.put(
        "OMEGA",
        new GridSlice(lat, lon, 2, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, bias}));
    // a variable on another grid: its coordinates are written again
    vars.put("M", GridSlice.of(new double[] {5}, new double[] {6, 7}, new double[] {-0.0, bias}));
    return new FieldSlice("coll", t, vars, "f.nc4#time=3", 1234);
  }

  @Test
  void coderRoundTripsAndIsTheDefault() throws Exception {
    FieldSlice a = slice(Instant.parse("2021-01-10T00:30:00.123456789Z"), 7);
    FieldSlice b = slice(Instant.parse("1969-07-20T20:17:40Z"), Double.POSITIVE_INFINITY);
    for (FieldSlice f : List.of(a, b)) {
      CoderProperties.coderDecodeEncodeEqual(FieldSlice.coder(), f);
      CoderProperties.coderDeterministic(
          FieldSlice.coder(), f, slice(f.time(), f.variable("T").values()[5]));
    }
    CoderProperties.coderSerializable(FieldSlice.coder());
    assertEquals(
        FieldSlice.coder(),
        CoderRegistry.createDefault().getCoder(TypeDescriptor.of(FieldSlice.class)));
    assertEquals(List.of("T", "OMEGA", "M"), List.copyOf(a.variables().keySet()));
  }

  @Test
  void equalityIsByValue() {
    Instant t = Instant.parse("2021-01-10T00:00:00Z");
    assertEquals(slice(t, 1), slice(t, 1));
    assertEquals(slice(t, 1).hashCode(), slice(t, 1).hashCode());
    assertNotEquals(slice(t, 1), slice(t, 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> slice(t, 1).variable("QV"));
    assertEquals(
        "collection coll has no variable 'QV' at 2021-01-10T00:00:00Z (variables: T, OMEGA, M)",
        e.getMessage());
  }
}

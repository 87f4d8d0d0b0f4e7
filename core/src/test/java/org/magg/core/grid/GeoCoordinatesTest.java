package org.magg.core.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeoCoordinatesTest {

  @Test
  void boundsAreInclusiveAndNonFiniteValuesAreInvalid() {
    assertTrue(GeoCoordinates.valid(-90.0, -180.0));
    assertTrue(GeoCoordinates.valid(90.0, 360.0));
    assertTrue(GeoCoordinates.valid(0.0, 250.0));
    assertFalse(GeoCoordinates.valid(90.000001, 0.0));
    assertFalse(GeoCoordinates.valid(0.0, -180.000001));
    assertFalse(GeoCoordinates.valid(0.0, 360.5));
    assertFalse(GeoCoordinates.valid(Double.NaN, 0.0));
    assertFalse(GeoCoordinates.valid(0.0, Double.NaN));
    assertFalse(GeoCoordinates.valid(0.0, Double.POSITIVE_INFINITY));
    assertFalse(GeoCoordinates.valid(Double.NEGATIVE_INFINITY, 0.0));
  }

  @Test
  void checkNamesTheValue() {
    GeoCoordinates.check(45.0, -122.0);
    assertEquals(
        "latitude 95.0 is outside [-90, 90] degrees",
        assertThrows(IllegalArgumentException.class, () -> GeoCoordinates.check(95.0, 0.0))
            .getMessage());
    assertEquals(
        "longitude 400.0 is outside [-180, 360] degrees",
        assertThrows(IllegalArgumentException.class, () -> GeoCoordinates.check(0.0, 400.0))
            .getMessage());
  }
}

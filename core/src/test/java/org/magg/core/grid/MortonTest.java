package org.magg.core.grid;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MortonTest {

  /** Points (lat, lon) of mortie's legacy goldens; see {@link #MORTIE_ORDER_6}. */
  private static final double[][] MORTIE_LAT_LON = {
    {0.0, 0.0},
    {45.0, -122.0},
    {-45.0, 10.0},
    {30.0, 150.0},
    {-80.0, 120.0},
    {89.9999, 0.0},
    {-89.9999, 45.0},
    {22.5, -60.0},
    {-35.264389, 170.0},
    {60.0, -45.0}
  };

  /**
   * Morton indices of {@link #MORTIE_LAT_LON} from the mortie repository, file {@code
   * mortie/tests/data/legacy_geodetic_goldens.json} ("Pre-authalic (geodetic-as-spherical)
   * goldens", keys {@code area_o6}, {@code area_o12}, {@code area_o18}). mortie stores packed
   * 64-bit words there; they were decoded to the decimal form (leading base-cell digit, one digit
   * 1..4 per order, negative for base cells 6..11) that mortie before 0.7 returned from {@code
   * geo2mort}. The first two order-6/order-12 values are also the ones quoted in the project's
   * design notes.
   */
  private static final long[] MORTIE_ORDER_6 = {
    5411111L, 3234123L, -3331423L, 2213323L, -4113213L, 1444444L, -3111111L, 4133424L, -4224234L,
    4414144L
  };

  private static final long[] MORTIE_ORDER_12 = {
    5411111111111L, 3234123232323L, -3331423232321L, 2213323232323L, -4113213211342L,
    1444444444444L, -3111111111111L, 4133424212231L, -4224234134124L, 4414144414414L
  };

  private static final long[] MORTIE_ORDER_18 = {
    5411111111111111111L, 3234123232323423214L, -3331423232321433224L, 2213323232323232323L,
    -4113213211342344423L, 1444444444444444444L, -3111111111111111111L, 4133424212231242124L,
    -4224234134124143334L, 4414144414414411444L
  };

  @Test
  void knownValues() {
    assertEquals(3234123L, Morton.encode(45.0, -122.0, 6));
    assertEquals(-3331423232321L, Morton.encode(-45.0, 10.0, 12));
  }

  @Test
  void matchesMortieGoldens() {
    for (int k = 0; k < MORTIE_LAT_LON.length; k++) {
      double lat = MORTIE_LAT_LON[k][0];
      double lon = MORTIE_LAT_LON[k][1];
      String where = "lat=" + lat + " lon=" + lon;
      assertEquals(MORTIE_ORDER_6[k], Morton.encode(lat, lon, 6), where);
      assertEquals(MORTIE_ORDER_12[k], Morton.encode(lat, lon, 12), where);
      assertEquals(MORTIE_ORDER_18[k], Morton.encode(lat, lon, 18), where);
      assertEquals(MORTIE_ORDER_6[k], Morton.parent(MORTIE_ORDER_18[k], 6), where);
    }
  }

  @Test
  void mortieValidationExamples() {
    // mortie 0.6.6, mortie/tests/test_mort_inverse.py: validate_morton / infer_order_from_morton.
    assertTrue(Morton.isValid(3122124L));
    assertTrue(Morton.isValid(-5123123L));
    assertTrue(Morton.isValid(13111111L));
    assertEquals(6, Morton.order(3122124L));
    assertEquals(6, Morton.order(-5123123L));
    assertEquals(7, Morton.order(13111111L));
    assertFalse(Morton.isValid(1234567L)); // digits > 4
    assertFalse(Morton.isValid(5123454L)); // digit 5
    // mortie 0.6.6, src_rust/src/morton.rs test_mort2nested_nested_value: base 2, in-base 0,
    // order 6 <-> nested 2 * 4096.
    assertEquals(3111111L, Morton.fromNested(2 * 4096, 6));
    assertEquals(2 * 4096, Morton.toNested(3111111L));
  }

  @Test
  void handComputedValues() {
    // Order 0: base cells 0..5 -> 1..6, 6..11 -> -1..-6.
    for (int base = 0; base < 12; base++) {
      long expected = base < 6 ? base + 1 : -(base - 5);
      assertEquals(expected, Morton.fromNested(base, 0));
      assertEquals(base, Morton.toNested(expected));
      assertEquals(0, Morton.order(expected));
    }
    // Base 7, order 3, in-base digits 3,0,2 -> decimal digits 4,1,3; base 7 -> leading 2, negative.
    long nested = (7L << 6) | (3 << 4) | (0 << 2) | 2;
    assertEquals(-2413L, Morton.fromNested(nested, 3));
    assertEquals(nested, Morton.toNested(-2413L));
    // Last cell at order 18.
    assertEquals(-6444444444444444444L, Morton.fromNested((12L << 36) - 1, 18));
    assertEquals(6444444444444444444L, Morton.fromNested((6L << 36) - 1, 18));
    assertEquals(1111111111111111111L, Morton.fromNested(0, 18));
  }

  /** Transcription of mortie 0.6.6's {@code _python_fastNorm2Mort_scalar} (an independent form). */
  private static long mortieFastNorm2Mort(int order, long normed, long parent) {
    long num = 0;
    long mask = order == 0 ? 0 : 3L << (2 * (order - 1));
    for (int i = order; i > 0; i--) {
      long nextBit = (normed & mask) >> (2 * i - 2);
      num += (nextBit + 1) * BigInteger.TEN.pow(i - 1).longValueExact();
      mask >>= 2;
    }
    long p10 = BigInteger.TEN.pow(order).longValueExact();
    if (parent >= 6) {
      long p = (parent - 11) * p10;
      num = -(num + p) - 6 * p10;
    } else {
      num = num + (parent + 1) * p10;
    }
    return num;
  }

  @Test
  void fromNestedAgreesWithMortieFormulaAndRoundTrips() {
    SplittableRandom random = new SplittableRandom(2024);
    for (int k = 0; k < 200_000; k++) {
      int order = random.nextInt(Morton.MAX_ORDER + 1);
      long nested = random.nextLong(12L << (2 * order));
      long base = nested >> (2 * order);
      long normed = nested - (base << (2 * order));
      long m = Morton.fromNested(nested, order);
      assertEquals(mortieFastNorm2Mort(order, normed, base), m, "nested " + nested);
      assertEquals(order, Morton.order(m));
      assertTrue(Morton.isValid(m));
      assertEquals(nested, Morton.toNested(m));
      assertEquals(m, Morton.parse(Morton.format(m)));
      assertEquals(Long.toString(m), Morton.format(m));
    }
  }

  @Test
  void parentsChildrenAndChildIndexAreConsistent() {
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < 3_000; k++) {
      int order = random.nextInt(Morton.MAX_ORDER + 1);
      long m = Morton.fromNested(random.nextLong(12L << (2 * order)), order);
      long nested = Morton.toNested(m);
      int childOrder = Math.min(Morton.MAX_ORDER, order + random.nextInt(5));
      long[] children = Morton.children(m, childOrder);
      int depth = childOrder - order;
      assertEquals(1 << (2 * depth), children.length);
      for (int t = 0; t < children.length; t++) {
        long child = children[t];
        assertEquals(childOrder, Morton.order(child));
        assertEquals(m, Morton.parent(child, order), "parent of " + child);
        assertEquals(t, Morton.childIndex(child, order));
        // Ascending nested order.
        assertEquals((nested << (2 * depth)) + t, Morton.toNested(child));
        if (t > 0) {
          assertTrue(m > 0 ? child > children[t - 1] : child < children[t - 1]);
        }
      }
      for (int p = 0; p <= order; p++) {
        long parent = Morton.parent(m, p);
        assertEquals(nested >> (2 * (order - p)), Morton.toNested(parent));
        if (order - p <= 15) {
          int index = Morton.childIndex(m, p);
          assertEquals(Healpix.childIndex(nested, order, p, order), index);
          if (order - p <= 6) { // keep the arrays small
            assertEquals(m, Morton.children(parent, order)[index]);
          }
        }
      }
    }
  }

  @Test
  void childrenOrderForPositiveAndNegativeIndices() {
    assertArrayEquals(
        new long[] {32341231L, 32341232L, 32341233L, 32341234L}, Morton.children(3234123L, 7));
    assertArrayEquals(
        new long[] {-33314231L, -33314232L, -33314233L, -33314234L}, Morton.children(-3331423L, 7));
    assertArrayEquals(new long[] {3234123L}, Morton.children(3234123L, 6));
    long[] grand = Morton.children(-2L, 2);
    assertEquals(16, grand.length);
    assertEquals(-211L, grand[0]);
    assertEquals(-212L, grand[1]);
    assertEquals(-221L, grand[4]);
    assertEquals(-244L, grand[15]);
    assertEquals(5, Morton.childIndex(-222L, 0));
    assertEquals(1, Morton.childIndex(-222L, 1));
    assertEquals(0, Morton.childIndex(-222L, 2));
    assertEquals(-3331423L, Morton.parent(-3331423232321L, 6));
    assertEquals(-3L, Morton.parent(-3331423232321L, 0));
  }

  @Test
  void parseAcceptsValidAndRejectsInvalidStrings() {
    assertEquals(3234123L, Morton.parse("3234123"));
    assertEquals(-3331423232321L, Morton.parse("-3331423232321"));
    assertEquals(6L, Morton.parse("6"));
    assertEquals(-6L, Morton.parse("-6"));
    assertEquals(-6444444444444444444L, Morton.parse("-6444444444444444444"));
    String[] bad = {
      "",
      "-",
      "0",
      "7",
      "-7",
      "15",
      "1234567",
      "+12",
      " 12",
      "12 ",
      "12a",
      "--12",
      "01",
      "11111111111111111111",
      "61111111111111111111",
      "1.5",
      "٣"
    };
    for (String s : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Morton.parse(s), "'" + s + "'");
      assertThat(e.getMessage(), containsString("\"" + s + "\""));
      assertThat(e.getMessage(), containsString("1-4"));
    }
    assertThrows(IllegalArgumentException.class, () -> Morton.parse(null));
  }

  @Test
  void invalidIndicesAreRejected() {
    long[] bad = {0L, 7L, -7L, 15L, 1234567L, 10L, Long.MIN_VALUE, Long.MAX_VALUE, 7111111L};
    for (long m : bad) {
      assertFalse(Morton.isValid(m), Long.toString(m));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Morton.order(m));
      assertThat(e.getMessage(), containsString(Long.toString(m)));
      assertThrows(IllegalArgumentException.class, () -> Morton.toNested(m));
      assertThrows(IllegalArgumentException.class, () -> Morton.format(m));
    }
    assertThrows(IllegalArgumentException.class, () -> Morton.fromNested(12, 0));
    assertThrows(IllegalArgumentException.class, () -> Morton.fromNested(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> Morton.fromNested(0, 19));
    assertThrows(IllegalArgumentException.class, () -> Morton.encode(0.0, 0.0, 19));
    assertThrows(IllegalArgumentException.class, () -> Morton.encode(91.0, 0.0, 6));
    assertThrows(IllegalArgumentException.class, () -> Morton.parent(3234123L, 7));
    assertThrows(IllegalArgumentException.class, () -> Morton.parent(3234123L, -1));
    assertThrows(IllegalArgumentException.class, () -> Morton.children(3234123L, 5));
    assertThrows(IllegalArgumentException.class, () -> Morton.children(3234123L, 19));
    assertThrows(IllegalArgumentException.class, () -> Morton.children(1L, 16));
    assertThrows(IllegalArgumentException.class, () -> Morton.childIndex(3234123L, 7));
    assertThrows(IllegalArgumentException.class, () -> Morton.childIndex(MORTIE_ORDER_18[0], 2));
  }

  @Test
  void encodeIsGeoToNestedThenFromNested() {
    SplittableRandom random = new SplittableRandom(12);
    for (int k = 0; k < 20_000; k++) {
      double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
      double lon = random.nextDouble(-180.0, 180.0);
      int order = random.nextInt(Morton.MAX_ORDER + 1);
      long m = Morton.encode(lat, lon, order);
      assertEquals(Healpix.nestedHash(order, lon, lat), Morton.toNested(m));
      assertEquals(m, Morton.parent(Morton.encode(lat, lon, 18), order));
    }
  }
}

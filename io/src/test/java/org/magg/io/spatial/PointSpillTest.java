package org.magg.io.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PointSpill}: batches come back from their file as written, in order, bit for bit (a
 * float32 column, a float64 column, -0.0 and NaN, an empty batch); a file's cell directory goes
 * with its last file; {@link PointSpill#deleteAll()} removes the rest.
 */
class PointSpillTest {
  @TempDir Path dir;

  private static final long CELL = 123412L;

  @Test
  void batchesComeBackAsWrittenAndTheFilesGo() throws IOException {
    PointSpill spill = new PointSpill(dir.resolve("spill").toString());
    PointBatch a =
        new PointBatch(
            3,
            new int[] {5, 5, 2},
            new double[][] {{1.5, -0.0, 2.25}, {0.1, Double.NaN, 1e300}}); // float32, float64
    PointBatch empty = new PointBatch(0, new int[0], new double[2][0]);
    PointBatch b = new PointBatch(1, new int[] {7}, new double[][] {{3}, {4}});

    String first = spill.write(CELL, List.of(a, empty, b));
    String second = spill.write(CELL, List.of(b));
    assertTrue(first.startsWith(dir.resolve("spill").resolve("123412").toString()), first);

    List<PointBatch> back = PointSpill.read(first);
    assertEquals(3, back.size());
    assertSame(a, back.get(0));
    assertSame(empty, back.get(1));
    assertSame(b, back.get(2));
    assertSame(b, PointSpill.read(second).get(0));

    PointSpill.delete(first);
    assertFalse(Files.exists(Path.of(first)));
    assertTrue(Files.isDirectory(Path.of(second).getParent()), "the cell still has a file");
    PointSpill.delete(second);
    assertFalse(Files.exists(Path.of(second).getParent()), "the cell's last file took its dir");

    spill.write(CELL, List.of(b));
    spill.deleteAll();
    assertFalse(Files.exists(dir.resolve("spill")));
    spill.deleteAll(); // nothing left: nothing happens
  }

  private static void assertSame(PointBatch expected, PointBatch actual) {
    assertEquals(expected.size(), actual.size());
    assertEquals(expected.variableCount(), actual.variableCount());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.childIndex(i), actual.childIndex(i), "child of point " + i);
    }
    for (int v = 0; v < expected.variableCount(); v++) {
      long[] e = new long[expected.size()];
      long[] got = new long[actual.size()];
      for (int i = 0; i < e.length; i++) {
        e[i] = Double.doubleToRawLongBits(expected.value(v, i));
        got[i] = Double.doubleToRawLongBits(actual.value(v, i));
      }
      assertArrayEquals(e, got, "column " + v);
    }
  }
}

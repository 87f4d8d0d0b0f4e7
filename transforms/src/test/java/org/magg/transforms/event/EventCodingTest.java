package org.magg.transforms.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Cells coded as runs of consecutive cells: the bytes worked out by hand, and back. */
class EventCodingTest {
  private static byte[] write(int[] cells) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventCoding.writeCells(cells, out);
    return out.toByteArray();
  }

  private static int[] read(byte[] bytes) throws IOException {
    return EventCoding.readCells(new ByteArrayInputStream(bytes));
  }

  @Test
  void cellsAreTheirCountThenGapAndLengthOfEachRun() throws IOException {
    int[] cells = {0, 1, 2, 3, 10, 20, 21, 300};
    // 8 cells; runs 0..3 (gap 0 from 0, 4 cells), 10 (gap 7 from 3, 1), 20..21 (gap 10 from 10, 2),
    // 300 (gap 279 from 21: var-int 0x97 0x02, 1)
    byte[] expected = {8, 0, 4, 7, 1, 10, 2, (byte) 0x97, 0x02, 1};
    assertArrayEquals(expected, write(cells));
    assertArrayEquals(cells, read(expected));
    assertArrayEquals(new int[0], read(write(new int[0])));
    // a whole 361 x 576 grid is one run: the count 207,936 (3 var-int bytes, < 2^21), gap 0 (1)
    // and length 207,936 (3): 7 bytes
    int[] all = new int[361 * 576];
    for (int c = 0; c < all.length; c++) {
      all[c] = c;
    }
    byte[] one = write(all);
    assertEquals(7, one.length);
    assertArrayEquals(all, read(one));
  }

  @Test
  void aRunLongerThanTheCellsLeftIsRefused() {
    IOException e = assertThrows(IOException.class, () -> read(new byte[] {3, 5, 4}));
    assertTrue(e.getMessage().contains("a run of 4 cells where 3 remain"), e.getMessage());
  }
}

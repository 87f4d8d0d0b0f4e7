package org.magg.pipelines.historical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayInputsTest {
  @TempDir Path dir;

  @Test
  void namesAndPrefixes() {
    LocalDate d = LocalDate.of(2026, 1, 1);
    assertEquals(
        "REACH-ALL_20260101T000000_20260102T000000.csv",
        DayInputs.fileName("all", d.atStartOfDay(), d.plusDays(1).atStartOfDay(), "csv"));
    assertEquals("REACH-135_20260101T000000_*.json", DayInputs.glob("REACH-135", d, "json"));
    assertEquals("REACH-ALL", DayInputs.prefix("ALL"));
    assertEquals("REACH-ALL", DayInputs.prefix("aLl"));
  }

  @Test
  void findsTheFirstSortedMatchOfTheDayOnly() throws IOException {
    LocalDate d = LocalDate.of(2026, 1, 1);
    for (String n :
        new String[] {
          "REACH-ALL_20260101T000000_20260102T000000.csv",
          "REACH-ALL_20260101T000000_20260101T120000.csv",
          "REACH-ALL_20260101T000000_20260102T000000.json",
          "REACH-ALL_20260101T060000_20260102T000000.csv",
          "REACH-135_20260101T000000_20260102T000000.csv",
          "REACH-ALL_20260102T000000_20260103T000000.csv"
        }) {
      Files.writeString(dir.resolve(n), "x");
    }
    assertEquals(
        Optional.of(dir.resolve("REACH-ALL_20260101T000000_20260101T120000.csv")),
        DayInputs.find(dir, d, "ALL", "csv"));
    assertEquals(
        Optional.of(dir.resolve("REACH-ALL_20260101T000000_20260102T000000.json")),
        DayInputs.find(dir, d, "ALL", "json"));
    assertEquals(
        Optional.of(dir.resolve("REACH-135_20260101T000000_20260102T000000.csv")),
        DayInputs.find(dir, d, "REACH-135", "csv"));
    assertEquals(Optional.empty(), DayInputs.find(dir, d.plusDays(5), "ALL", "csv"));
    assertEquals(Optional.empty(), DayInputs.find(dir.resolve("missing"), d, "ALL", "csv"));
  }
}

package org.magg.io.historical;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReachInputReaderTest {
  @TempDir Path dir;

  @Test
  void readsPythonLiteralCells() throws IOException {
    List<ReachRecord> rs = ReachInputReader.read(Fixtures.copy(Fixtures.DAY_0904, dir));
    assertEquals(12, rs.size());
    ReachRecord r = rs.get(0);
    assertEquals("REACH-135", r.sensorId());
    assertEquals("Iridium-126", r.observatoryName());
    assertEquals(Instant.parse("2025-09-04T00:00:00Z"), r.obTime());
    assertEquals(Instant.parse("2025-09-04T01:30:00Z"), r.createdAt());
    assertEquals("DOSE1 (Flavor X) in rad/second", r.obDescription());
    assertEquals(4.02944e-05, r.obValue());
    assertEquals(0.0, r.obQuality());
    assertEquals(2641.6304332, r.senX());
    assertEquals(-5135.1932749, r.senY());
    assertEquals(-4251.2205054, r.senZ());
    assertEquals(-36.5228, r.lat());
    assertEquals(-43.1992, r.lon());
    assertEquals(792.509, r.alt());
    assertEquals("QUICKLOOK", r.descriptor());
    assertNull(rs.get(5).sensorId(), "an empty idSensor is missing");
    assertTrue(Double.isNaN(rs.get(11).obValue()), "obValue None is missing");
    assertEquals(2, r.line());
  }

  @Test
  void readsJsonCellsInAnotherColumnOrder() throws IOException {
    List<ReachRecord> rs = ReachInputReader.read(Fixtures.copy(Fixtures.DAY_0905, dir));
    assertEquals(3, rs.size());
    ReachRecord r = rs.get(1);
    assertEquals("REACH-170", r.sensorId());
    assertEquals(Instant.parse("2025-09-05T07:08:00Z"), r.obTime());
    assertEquals(6.5619047618411025E-6, r.obValue());
    assertEquals(145.51990381223447, r.lon());
    assertEquals(-43.920579670093495, r.lat());
    assertEquals(795.5038767456349, r.alt());
    assertEquals(4133.181723357048, r.senX());
    assertNull(rs.get(2).sensorId());
    assertEquals("Iridium-126", rs.get(2).observatoryName());
  }

  @Test
  void readsJsonExports() throws IOException {
    List<ReachRecord> rs = ReachInputReader.read(Fixtures.copy(Fixtures.DAY_0908_JSON, dir));
    assertEquals(2, rs.size());
    assertEquals(1.25e-06, rs.get(0).obValue());
    assertEquals(4.0, rs.get(0).obQuality());
    assertEquals(-84.21590398104829, rs.get(0).senY());
    assertNull(rs.get(1).sensorId());
    assertEquals(0.0, rs.get(1).obQuality());
    assertEquals(3000.125, rs.get(1).senZ());
  }

  @Test
  void absentJsonFieldsAreMissingValuesButObTimeIsRequired() throws IOException {
    Path f = dir.resolve("REACH-ALL_20250909T000000_20250910T000000.json");
    String seo =
        "\"seoList\": [{\"obValue\": 1e-6, \"obDescription\": \"DOSE1 (Flavor X) in rad/second\"}]";
    Files.writeString(
        f,
        "[{\"observatoryName\": \"Iridium-102\", \"obTime\": \"2025-09-09T00:00:00Z\", "
            + seo
            + ", \"senPos\": [1, 2, 3]}]");
    ReachRecord r = ReachInputReader.read(f).get(0);
    assertNull(r.sensorId());
    assertNull(r.createdAt());
    assertNull(r.descriptor());
    assertTrue(Double.isNaN(r.lat()));
    assertTrue(Double.isNaN(r.obQuality()));
    Files.writeString(f, "[{" + seo + ", \"senPos\": [1, 2, 3]}, {}]");
    IOException e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(e.getMessage(), containsString(f + ": record 0, field 'obTime': is empty"));
    Files.writeString(f, "{\"not\": \"a list\"}");
    e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(e.getMessage(), containsString("expected a JSON array of UDL records"));
  }

  @Test
  void aBadTimeNamesFileLineAndColumn() {
    Path f = Fixtures.copy(Fixtures.DAY_0906_BAD, dir);
    IOException e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(
        e.getMessage(),
        allOf(
            containsString(f.toString()),
            containsString("line 3"),
            containsString("column 'obTime'"),
            containsString("'2025-09-06T25:00:05.000Z' is not an ISO-8601 UTC time")));
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    Path f = dir.resolve("x.csv");
    Files.writeString(f, "idSensor,observatoryName,obTime,lat,lon,alt,descriptor,seoList,senPos\n");
    IOException e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(e.getMessage(), allOf(containsString("line 1"), containsString("[createdAt]")));
  }

  @Test
  void badNestedCellsAreNamed() throws IOException {
    String header =
        "idSensor,observatoryName,obTime,createdAt,seoList,senPos,lat,lon,alt,descriptor\n";
    Path f = dir.resolve("a.csv");
    Files.writeString(
        f,
        header
            + "REACH-135,Iridium-126,2025-09-04T00:00:00Z,,\"[{'obValue': 1.0, 'obDescription': 'D'}]\",\"[1.0, 2.0]\",1,2,3,QUICKLOOK\n");
    IOException e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(
        e.getMessage(),
        allOf(containsString("line 2"), containsString("'senPos'"), containsString("a list of 2")));
    Files.writeString(
        f,
        header
            + "REACH-135,Iridium-126,2025-09-04T00:00:00Z,,\"[{'obValue': 1.0}]\",\"[1,2,3]\",1,2,3,Q\n");
    e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(
        e.getMessage(), allOf(containsString("'seoList'"), containsString("no 'obDescription'")));
    Files.writeString(
        f,
        header
            + "REACH-135,Iridium-126,2025-09-04T00:00:00Z,,\"[{'obValue': 1.0\",\"[1,2,3]\",1,2,3,Q\n");
    e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(e.getMessage(), allOf(containsString("'seoList'"), containsString("expected")));
    Files.writeString(
        f,
        header
            + "REACH-135,Iridium-126,2025-09-04T00:00:00Z,,\"[{'obValue': 1.0, 'obDescription': 'D'}]\",\"[1,2,3]\",north,2,3,Q\n");
    e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(
        e.getMessage(),
        allOf(containsString("column 'lat'"), containsString("'north' is not a number")));
    Files.writeString(f, header + "REACH-135,Iridium-126\n");
    e = assertThrows(IOException.class, () -> ReachInputReader.read(f));
    assertThat(e.getMessage(), containsString("line 2: 2 fields, expected 10"));
  }
}

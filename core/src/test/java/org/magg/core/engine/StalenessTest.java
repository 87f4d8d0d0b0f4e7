package org.magg.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staleness from content: configuration hash, input versions, file content hashes. */
class StalenessTest {
  @TempDir Path dir;

  private static String fileHash(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return ContentHashes.sha256(in);
    }
  }

  @Test
  void knownDigests() {
    // FIPS 180-2 test vector for "abc"
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ContentHashes.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void canonicalJsonSortsKeysAtEveryLevel() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("expression", "t - 1");
    a.put("b", Map.of("z", 1, "a", List.of(Map.of("y", 2, "x", 3))));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("b", Map.of("a", List.of(Map.of("x", 3, "y", 2)), "z", 1));
    b.put("expression", "t - 1");
    assertEquals(
        "{\"b\":{\"a\":[{\"x\":3,\"y\":2}],\"z\":1},\"expression\":\"t - 1\"}",
        ContentHashes.canonicalJson(a));
    assertEquals(ContentHashes.sha256OfCanonicalJson(a), ContentHashes.sha256OfCanonicalJson(b));
    assertNotEquals(
        ContentHashes.sha256OfCanonicalJson(a),
        ContentHashes.sha256OfCanonicalJson(Map.of("expression", "t - 2", "b", b.get("b"))));
  }

  @Test
  void aTouchedFileWithTheSameBytesIsNotStaleAChangedOneIs() throws IOException {
    Path f = dir.resolve("dem.nc");
    Files.writeString(f, "elevation v1");
    String config = ContentHashes.sha256OfCanonicalJson(Map.of("source", "dem.nc#z"));
    InputFingerprint before = new InputFingerprint(config, Map.of(), Map.of("dem.nc", fileHash(f)));

    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(3600)));
    Files.writeString(f, "elevation v1"); // rewritten, same bytes, new mtime
    InputFingerprint touched =
        new InputFingerprint(config, Map.of(), Map.of("dem.nc", fileHash(f)));
    assertFalse(Staleness.isStale(before, touched));
    assertEquals(List.of(), Staleness.reasons(before, touched));

    Files.writeString(f, "elevation v2");
    InputFingerprint changed =
        new InputFingerprint(config, Map.of(), Map.of("dem.nc", fileHash(f)));
    List<String> reasons = Staleness.reasons(before, changed);
    assertEquals(1, reasons.size());
    assertTrue(reasons.get(0).startsWith("file 'dem.nc' changed ("), reasons.get(0));
  }

  @Test
  void configurationAndVariableVersionsAndInputSetChangesAreReportedInOrder() {
    InputFingerprint a =
        new InputFingerprint(
            "aaaa", Map.of("elevation", 1L, "temperature", 3L), Map.of("x.nc", "h1"));
    InputFingerprint b =
        new InputFingerprint("bbbb", Map.of("temperature", 4L, "wind", 1L), Map.of("x.nc", "h1"));
    assertEquals(
        List.of(
            "configuration changed (aaaa -> bbbb)",
            "input variable 'elevation' is no longer read",
            "input variable 'temperature' changed (version 3 -> version 4)",
            "input variable 'wind' is new"),
        Staleness.reasons(a, b));
    assertEquals(List.of("never ran"), Staleness.reasons(null, a));
    assertFalse(
        Staleness.isStale(
            a,
            new InputFingerprint(
                "aaaa", Map.of("temperature", 3L, "elevation", 1L), Map.of("x.nc", "h1"))));
  }
}

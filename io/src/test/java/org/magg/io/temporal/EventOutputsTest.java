package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.storage.Storage;
import org.magg.testing.S3TestServer;

/** An output directory is refused when it holds files, and cleared of a run's outputs only. */
class EventOutputsTest {
  @TempDir Path dir;

  /** What an earlier run left, and one file of the user's. */
  private static final List<String> LEFT =
      List.of(
          "events.csv",
          "events.nc",
          "events.zarr/.zgroup",
          "events.zarr/total/0",
          "panes/E1.pane-0.csv",
          "failures.csv",
          "failures/1a2b.csv",
          "notes/readme.txt");

  private static void check(Storage storage, String out) throws IOException {
    EventOutputs.prepare(out, false, storage); // nothing there yet: accepted
    for (String name : LEFT) {
      storage.write(Storage.join(out, name), name.getBytes(StandardCharsets.UTF_8));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EventOutputs.prepare(out, false, storage));
    assertThat(e.getMessage(), containsString("output " + out + " already holds 8 file(s)"));
    assertThat(e.getMessage(), containsString("pass --overwrite"));
    assertEquals(8, storage.listUnder(out).size(), "a refusal deletes nothing");
    EventOutputs.prepare(out, true, storage);
    assertEquals(
        List.of(Storage.join(out, "notes/readme.txt")),
        storage.listUnder(out).stream().map(f -> f.substring(f.indexOf(out))).toList());
  }

  @Test
  void localDirectory() throws IOException {
    check(Storage.defaults(), dir.resolve("out").toAbsolutePath().toString());
  }

  @Test
  void s3Prefix() throws IOException {
    S3TestServer server = S3TestServer.get();
    check(
        Storage.of(server.settings()),
        "s3://" + S3TestServer.BUCKET + "/outputs/" + UUID.randomUUID());
  }
}

package org.magg.io.temporal;

import java.io.IOException;
import java.util.List;
import org.magg.io.storage.Storage;

/**
 * What a temporal run writes under its output directory ({@link EventTableIO}), and how that
 * directory is made ready before a run: an output directory holding anything is refused unless the
 * run overwrites, and then only what a run writes is deleted (other files are left alone), so the
 * summary and a reader see only this run's table, panes and failures.
 */
public final class EventOutputs {
  /** Files a run writes directly under the output directory. */
  static final List<String> FILES = List.of("events.csv", "events.nc", "failures.csv");

  /** Directories a run writes under the output directory (Zarr table, panes, streamed failures). */
  static final List<String> DIRECTORIES = List.of("events.zarr", "panes", "failures");

  private EventOutputs() {}

  /**
   * Makes {@code location} ready for a run.
   *
   * @throws IllegalArgumentException when it holds files and {@code overwrite} is false, naming it
   *     and {@code --overwrite}
   */
  public static void prepare(String location, boolean overwrite, Storage storage)
      throws IOException {
    List<String> existing = storage.listUnder(location);
    if (existing.isEmpty()) {
      return;
    }
    if (!overwrite) {
      throw new IllegalArgumentException(
          "output "
              + location
              + " already holds "
              + existing.size()
              + " file(s); pass --overwrite to replace the table, panes and failures a run"
              + " writes, or choose another --output");
    }
    for (String name : FILES) {
      storage.delete(Storage.join(location, name));
    }
    for (String name : DIRECTORIES) {
      storage.deleteUnder(Storage.join(location, name));
    }
  }
}

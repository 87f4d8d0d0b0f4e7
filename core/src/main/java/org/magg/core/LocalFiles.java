package org.magg.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Local file operations every layer needs the same way. */
public final class LocalFiles {
  private LocalFiles() {}

  /**
   * Moves {@code from} onto {@code to}, replacing it: atomically (readers see the old file or the
   * new one, never a part) where the file system can, else by a plain replacing move.
   */
  public static void moveReplacing(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

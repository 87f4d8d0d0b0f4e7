package org.magg.pipelines.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.magg.io.storage.Storage;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.config.TemporalConfig;

/**
 * The checks of a command line's paths and names made before any pipeline is built, so that a
 * mistake is reported before anything is read or written: inputs that do not exist, outputs that
 * are an existing file (or directory), sit on a missing parent or cannot be written, and names the
 * config does not know. Each failure is an {@link IllegalArgumentException} whose message is one
 * line naming the option, the location and the fix (exit 2).
 *
 * <p>Local locations are checked here without any settings; {@code s3://} inputs are checked by
 * {@link #s3InputFile} and {@link #s3InputDirectory} once the run's S3 settings are known (a HEAD
 * or a one-key list request each). S3 outputs are not probed: writing is the run's first request.
 */
final class Preflight {
  private Preflight() {}

  /** An input file ({@code option} names it in messages) must exist and be a file. */
  static void inputFile(String option, String location) {
    Path p = local(option, location);
    if (p == null) {
      return;
    }
    if (Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          option + " " + location + " is a directory; give the file itself");
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          option + " " + location + " does not exist; give an existing file");
    }
  }

  /** An input directory must exist and be a directory. */
  static void inputDirectory(String option, String location) {
    Path p = local(option, location);
    if (p == null) {
      return;
    }
    if (Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          option + " " + location + " is a file; give the directory that holds the inputs");
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          option + " " + location + " does not exist; give an existing directory");
    }
  }

  /**
   * An output directory: not an existing file, on an existing parent directory, and writable (the
   * directory itself when it exists, else its parent).
   */
  static void outputDirectory(String option, String location) {
    Path p = local(option, location);
    if (p == null) {
      return;
    }
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          option
              + " "
              + location
              + " is an existing file; give a directory (or move the file away)");
    }
    writable(option, location, Files.isDirectory(p) ? p : parentOf(option, location, p));
  }

  /**
   * An output file: not an existing directory, on an existing parent directory that is writable.
   */
  static void outputFile(String option, Path file) {
    outputFile(option, file, null);
  }

  /**
   * As {@link #outputFile(String, Path)}; a file inside {@code runOutputDir} (an output directory
   * already checked, which the run creates) may have parents that do not exist yet.
   */
  static void outputFile(String option, Path file, Path runOutputDir) {
    if (file == null) {
      return;
    }
    if (runOutputDir != null
        && file.toAbsolutePath().normalize().startsWith(runOutputDir.toAbsolutePath().normalize())
        && !Files.exists(file.toAbsolutePath().normalize().getParent())) {
      return;
    }
    String location = file.toString();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          option + " " + location + " is an existing directory; give a file name");
    }
    writable(option, location, parentOf(option, location, file));
  }

  /** An {@code s3://} input file must exist (a HEAD request); local and null ones are skipped. */
  static void s3InputFile(String option, String location, Storage storage) {
    if (location == null || !Storage.isS3(location)) {
      return;
    }
    boolean exists;
    try {
      exists = storage.exists(location);
    } catch (IOException e) {
      throw unreachable(option, location, e);
    }
    if (!exists) {
      throw new IllegalArgumentException(
          option + " " + location + " does not exist; give an existing object");
    }
  }

  /**
   * An {@code s3://} input directory must hold at least one object (a one-key list request); local
   * and null ones are skipped.
   */
  static void s3InputDirectory(String option, String location, Storage storage) {
    if (location == null || !Storage.isS3(location)) {
      return;
    }
    boolean exists;
    try {
      exists = storage.directoryExists(location);
    } catch (IOException e) {
      throw unreachable(option, location, e);
    }
    if (!exists) {
      throw new IllegalArgumentException(
          option
              + " "
              + location
              + " does not exist (no object under it); give the prefix that holds the inputs");
    }
  }

  private static IllegalArgumentException unreachable(
      String option, String location, IOException e) {
    return new IllegalArgumentException(
        option
            + " "
            + location
            + " cannot be reached ("
            + e.getMessage()
            + "); check the location and the S3 options",
        e);
  }

  /** Every {@code --collection NAME=...} must name a collection of the config. */
  static void collections(Map<String, String> given, TemporalConfig config) {
    collections(given, config.collections().keySet(), config.origin());
  }

  /** {@code --collection NAME=...} must name a collection of the event config. */
  static void collections(Map<String, String> given, EventConfig config) {
    collections(given, config.collections().keySet(), config.origin());
  }

  private static void collections(
      Map<String, String> given, java.util.Set<String> names, String origin) {
    for (String name : given.keySet()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "--collection "
                + name
                + "=...: config "
                + origin
                + " has no collection '"
                + name
                + "' (collections: "
                + String.join(", ", new TreeSet<>(names))
                + ")");
      }
    }
  }

  /** The local path of a location, or null for S3 (not checked here). */
  private static Path local(String option, String location) {
    if (location == null || Storage.isS3(location)) {
      return null;
    }
    try {
      return Storage.localPath(location);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + e.getMessage(), e);
    }
  }

  /** Why a probe file could not be made, in words (not the exception's class). */
  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return "files cannot be created there";
  }

  private static Path parentOf(String option, String location, Path p) {
    Path parent = p.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      return p.toAbsolutePath();
    }
    if (!Files.isDirectory(parent)) {
      throw new IllegalArgumentException(
          option
              + " "
              + location
              + ": its parent directory "
              + parent
              + (Files.exists(parent) ? " is a file" : " does not exist")
              + "; create it or choose another location");
    }
    return parent;
  }

  /**
   * Whether files can be made in {@code dir}: a probe file is created and deleted at once (the
   * permission bits alone do not say, for example for the superuser or a read-only mount).
   */
  private static void writable(String option, String location, Path dir) {
    try {
      Path probe = Files.createTempFile(dir, ".magg-write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          option
              + " "
              + location
              + ": cannot write in "
              + dir
              + " ("
              + reason(e)
              + "); choose a writable location",
          e);
    }
  }
}

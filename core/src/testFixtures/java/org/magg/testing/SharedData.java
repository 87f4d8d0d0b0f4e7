package org.magg.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates test data in the {@code shared} directory that sits next to the project checkout ({@code
 * ../shared} from the project directory), and decides what happens when something a test needs is
 * missing: under CI ({@code CI=true}) the test fails, elsewhere it is skipped.
 */
public final class SharedData {

  private SharedData() {}

  /** True when running under CI, i.e. the environment variable {@code CI} is {@code "true"}. */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The checkout's root (the build's {@code magg.root}, else the working directory). */
  public static Path projectDir() {
    String basedir = System.getProperty("magg.root");
    return Path.of(basedir != null ? basedir : System.getProperty("user.dir"))
        .toAbsolutePath()
        .normalize();
  }

  /** The shared directory next to the project checkout; it may not exist. */
  public static Path sharedDir() {
    return projectDir().resolve("..").resolve("shared").normalize();
  }

  /**
   * Returns {@code shared/<relative>}, for example {@code require("data/zarr/v2/data.zarr")}. When
   * it does not exist the calling test fails under CI and is skipped otherwise.
   */
  public static Path require(String relative) {
    Path path = sharedDir().resolve(relative).normalize();
    requireOrSkip(
        Files.exists(path),
        "shared test data "
            + path
            + " is missing (expected the 'shared' directory next to the"
            + " project checkout)");
    return path;
  }

  /**
   * Passes when {@code available}; otherwise fails the test under CI and skips it elsewhere, with
   * {@code whatIsMissing} (say what to install or provide) as the message.
   */
  public static void requireOrSkip(boolean available, String whatIsMissing) {
    if (available) {
      return;
    }
    if (isCi()) {
      fail("Required under CI: " + whatIsMissing);
    }
    Assumptions.abort("Skipped (not under CI): " + whatIsMissing);
  }
}

package org.magg.core.grid;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the CDS HEALPix Java library, an independent implementation used as a reference in
 * cross-check tests. It is not on Maven Central; Debian ships it as the package {@code
 * libcds-healpix-java} ({@code /usr/share/java/cdshealpix.jar}).
 *
 * <p>Lookup order: the system property {@code cdshealpix.jar}, the environment variable {@code
 * CDSHEALPIX_JAR}, {@code /usr/share/java/cdshealpix.jar}, then any {@code cdshealpix*.jar} in
 * {@code /usr/share/java}. When none is found the calling test is skipped, except when the
 * environment variable {@code CI} is {@code true}: then it fails, so that CI cannot silently lose
 * the cross-check.
 */
final class CdsHealpixJar {

  static final String DEBIAN_PACKAGE = "libcds-healpix-java";
  private static final Path DEBIAN_DIR = Paths.get("/usr/share/java");

  private CdsHealpixJar() {}

  /** Returns the jar, or skips (locally) / fails (when {@code CI=true}) the calling test. */
  static Path requireJar() {
    Path jar = find();
    if (jar == null) {
      String message =
          "CDS HEALPix reference jar not found; install the Debian package "
              + DEBIAN_PACKAGE
              + " (apt-get install -y "
              + DEBIAN_PACKAGE
              + ") or point -Dcdshealpix.jar / CDSHEALPIX_JAR at cdshealpix.jar";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return jar;
  }

  /** Returns a class loader for the jar (parent: the platform loader, so nothing else leaks in). */
  static URLClassLoader loader(Path jar) throws IOException {
    return new URLClassLoader(
        new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  private static Path find() {
    for (String configured :
        new String[] {System.getProperty("cdshealpix.jar"), System.getenv("CDSHEALPIX_JAR")}) {
      if (configured != null && !configured.isBlank()) {
        Path p = Paths.get(configured);
        return Files.isRegularFile(p) ? p : null;
      }
    }
    Path standard = DEBIAN_DIR.resolve("cdshealpix.jar");
    if (Files.isRegularFile(standard)) {
      return standard;
    }
    if (Files.isDirectory(DEBIAN_DIR)) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(DEBIAN_DIR, "cdshealpix*.jar")) {
        for (Path p : jars) {
          if (Files.isRegularFile(p)) {
            return p;
          }
        }
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }
}

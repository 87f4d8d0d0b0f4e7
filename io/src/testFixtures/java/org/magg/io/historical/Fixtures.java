package org.magg.io.historical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The REACH test inputs (modelled on real UDL exports) in {@code src/test/resources}. */
public final class Fixtures {
  /** 2025-09-04: Python-literal cells; duplicates, a resolvable and an unresolvable record. */
  public static final String DAY_0904 = "REACH-ALL_20250904T000000_20250905T000000.csv";

  /** 2025-09-05: the full UDL column order, JSON cells, a record without idSensor. */
  public static final String DAY_0905 = "REACH-ALL_20250905T000000_20250906T000000.csv";

  /** 2025-09-06: an impossible obTime on line 3. */
  public static final String DAY_0906_BAD = "REACH-ALL_20250906T000000_20250907T000000.csv";

  /** 2025-09-08: a JSON export. */
  public static final String DAY_0908_JSON = "REACH-ALL_20250908T000000_20250909T000000.json";

  private Fixtures() {}

  public static Path copy(String name, Path dir) {
    return copy(name, dir, name);
  }

  public static Path copy(String name, Path dir, String as) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      Files.createDirectories(dir);
      Path p = dir.resolve(as);
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

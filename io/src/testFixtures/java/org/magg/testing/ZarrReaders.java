package org.magg.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent Zarr readers of {@code tools/zarr-check}: zarrita.js on Node (v2 and v3) and
 * Debian's zarr-python + xarray (v2). Each prints one JSON document. When a reader is missing the
 * calling test is skipped, or fails under {@code CI=true}, with what to install.
 */
public final class ZarrReaders {
  public static final Path TOOLS = SharedData.projectDir().resolve("tools/zarr-check");
  private static final Path OUT = SharedData.projectDir().resolve("target/zarr-readers");
  private static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ZarrReaders() {}

  /** Skips (or fails under CI) unless node and zarrita are installed. */
  public static void requireZarrita() {
    SharedData.requireOrSkip(
        commandWorks("node", "--version"),
        "Node.js is needed for the zarrita.js check (install node 20 or later)");
    SharedData.requireOrSkip(
        Files.isDirectory(TOOLS.resolve("node_modules/zarrita")),
        "zarrita.js is not installed: run `npm ci` in " + TOOLS);
  }

  /** Skips (or fails under CI) unless zarr-python and xarray are installed. */
  public static void requireZarrPython() {
    SharedData.requireOrSkip(
        commandWorks(PYTHON, "-c", "import zarr, xarray, numcodecs"),
        "zarr-python and xarray are needed for the v2 check: run"
            + " `apt-get update && apt-get install -y python3-zarr python3-xarray`");
  }

  /**
   * Reads groups and arrays with zarrita through consolidated metadata.
   *
   * @param format {@code v2} or {@code v3}
   */
  public static JsonNode zarrita(
      Path store, String format, List<String> groups, List<String> arrays)
      throws IOException, InterruptedException {
    requireZarrita();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "node",
                "check.mjs",
                "--store",
                store.toString(),
                "--format",
                format,
                "--consolidated"));
    for (String g : groups) {
      cmd.add("--group");
      cmd.add(g);
    }
    for (String a : arrays) {
      cmd.add("--array");
      cmd.add(a);
    }
    return run(cmd);
  }

  /** Reads a v2 store with zarr-python ({@code open_consolidated}) and xarray. */
  public static JsonNode zarrPython(
      Path store, List<String> groups, List<String> arrays, List<String> xarrayGroups)
      throws IOException, InterruptedException {
    requireZarrPython();
    List<String> cmd =
        new ArrayList<>(List.of(PYTHON, "check_zarr_v2.py", "--store", store.toString()));
    for (String g : groups) {
      cmd.add("--group");
      cmd.add(g);
    }
    for (String a : arrays) {
      cmd.add("--array");
      cmd.add(a);
    }
    for (String x : xarrayGroups) {
      cmd.add("--xarray-group");
      cmd.add(x);
    }
    return run(cmd);
  }

  /** A JSON number, or one of the strings NaN / Infinity / -Infinity, as a double. */
  public static double number(JsonNode node) {
    if (node.isTextual()) {
      switch (node.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          return Double.parseDouble(node.asText());
      }
    }
    return node.asDouble();
  }

  static boolean commandWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonNode run(List<String> command) throws IOException, InterruptedException {
    Files.createDirectories(OUT);
    Path stdout = Files.createTempFile(OUT, "reader", ".out");
    Path stderr = Files.createTempFile(OUT, "reader", ".err");
    Process p =
        new ProcessBuilder(command)
            .directory(TOOLS.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("Reader timed out: " + command);
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail("Reader failed with exit code " + p.exitValue() + ": " + command + "\n" + err);
    }
    return MAPPER.readTree(stdout.toFile());
  }
}

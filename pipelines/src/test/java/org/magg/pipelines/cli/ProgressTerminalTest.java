package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line in a real terminal: the command line runs in its own JVM in a tmux pane, and
 * the pane is read while a spatial run works. Needs tmux: skipped without it, failed under CI
 * ({@code CI=true}).
 */
class ProgressTerminalTest {
  private static final Pattern GRANULES = Pattern.compile("granules (\\d+)/8\\b");
  private static final String EXIT = "MAGG_EXIT=";

  @TempDir Path dir;

  @Test
  void theLineAdvancesInPlaceDuringASpatialRun() throws Exception {
    requireTmux();
    CliRun s =
        CliRun.of(
            "sample",
            "--out",
            dir.resolve("s").toString(),
            "--granules",
            "8",
            "--segments",
            "40000");
    assertEquals(0, s.code(), s.text());
    Matcher parents = Pattern.compile("(\\d+) parent cells").matcher(s.out());
    assertTrue(parents.find(), s.out());
    String cells = parents.group(1) + "/" + parents.group(1);
    Path script = dir.resolve("run.sh");
    Files.writeString(
        script,
        String.join(
                " ",
                quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-cp",
                quote(System.getProperty("java.class.path")),
                "org.magg.pipelines.cli.MaggCli",
                "run",
                "--config",
                "atl06",
                "--catalog",
                quote(dir.resolve("s/catalog.json").toString()),
                "--store",
                quote(dir.resolve("out.zarr").toString()),
                "--overwrite")
            + "\necho "
            + EXIT
            + "$?\nsleep 600\n",
        StandardCharsets.UTF_8);
    String socket = "magg-progress-" + ProcessHandle.current().pid();
    List<Integer> seen = new ArrayList<>();
    String screen = "";
    try {
      tmux(socket, "new-session", "-d", "-s", "run", "-x", "150", "-y", "50", "bash " + script);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (System.nanoTime() < deadline) {
        screen = tmux(socket, "capture-pane", "-p", "-t", "run");
        Matcher m = GRANULES.matcher(screen);
        while (m.find()) {
          seen.add(Integer.parseInt(m.group(1)));
        }
        if (screen.contains(EXIT)) {
          break;
        }
        Thread.sleep(250);
      }
    } finally {
      tmux(socket, "kill-server");
    }
    assertThat(screen, containsString(EXIT + "0"));
    assertThat(screen, containsString("Run summary"));
    // counts never go back, and the pane showed more than one of them while the run worked
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "granule counts went back: " + seen);
    }
    assertTrue(seen.stream().distinct().count() >= 2, "the line did not advance: " + seen);
    assertEquals(8, seen.get(seen.size() - 1), seen.toString());
    // one line rewritten in place, ended before the summary: the last one on its own line
    List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.stream().filter(l -> l.startsWith("spatial  ")).count(), screen);
    assertTrue(lines.get(0).startsWith("spatial  cells " + cells + "  granules 8/8  "), screen);
    assertEquals("Run summary", lines.get(1), screen);
  }

  private static void requireTmux() {
    try {
      Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("tmux is not installed (apt-get install tmux; .ci/run installs it)");
    }
    Assumptions.abort("tmux is not installed");
  }

  private static String tmux(String socket, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}

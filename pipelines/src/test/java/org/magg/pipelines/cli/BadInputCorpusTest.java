package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.magg.core.Json;

/**
 * The bad-input corpus ({@code src/test/resources/bad-inputs}, described in its README.md): each
 * case of {@code cases.yaml} is a command line run in process on a fresh copy of the corpus, with
 * its expected exit code and message fragments. Every case is also checked for what holds for all
 * bad inputs: no Java stack trace or class name on standard error (the command's own and the
 * log's), summary counts that add up, nothing left in the Beam temp location, and for a refused run
 * (exit 2) one line on standard error and nothing written.
 */
class BadInputCorpusTest {
  private static final String CORPUS = "/bad-inputs";

  /** One line of {@code cases.yaml}. */
  record Case(
      String name,
      List<String> args,
      int exit,
      List<String> expect,
      Map<String, List<String>> files) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws IOException {
    return Json.yaml()
        .readValue(Files.readString(corpus().resolve("cases.yaml")), new TypeReference<>() {});
  }

  private static Path corpus() {
    try {
      return Path.of(BadInputCorpusTest.class.getResource(CORPUS).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInput(Case c) throws IOException {
    Path corpus = copy(corpus(), dir.resolve("corpus"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String[] args = c.args().stream().map(a -> fill(a, corpus, out, tmp)).toArray(String[]::new);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream savedErr = System.err;
    CliRun r;
    try {
      // the log goes to the process's standard error: it is checked too
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      r = CliRun.of(args);
    } finally {
      System.setErr(savedErr);
    }
    String stderr = r.err() + log.toString(StandardCharsets.UTF_8);
    String all = r.out() + stderr;

    assertEquals(c.exit(), r.code(), all);
    for (String fragment : c.expect()) {
      assertThat(all, containsString(fill(fragment, corpus, out, tmp)));
    }
    for (String bad : List.of("\tat ", "Exception in thread", "java.lang.", "java.io.")) {
      assertFalse(stderr.contains(bad), "'" + bad + "' on standard error:\n" + stderr);
    }
    assertEquals(List.of(), tree(tmp), "nothing is left in the temp location");
    if (c.exit() == 2) {
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertEquals(List.of(), tree(out), "a refused run writes nothing");
    } else if (List.of("run", "historical").contains(c.args().get(0))) {
      assertTrue(countsAddUp(r.out()) > 0, "a summary with counts is printed:\n" + r.out());
    }
    if (c.files() != null) {
      for (Map.Entry<String, List<String>> f : c.files().entrySet()) {
        String text = Files.readString(Path.of(fill(f.getKey(), corpus, out, tmp)));
        for (String fragment : f.getValue()) {
          assertThat(f.getKey(), text, containsString(fill(fragment, corpus, out, tmp)));
        }
      }
    }
  }

  private static String fill(String s, Path corpus, Path out, Path tmp) {
    return s.replace("{corpus}", corpus.toString())
        .replace("{out}", out.toString())
        .replace("{tmp}", tmp.toString());
  }

  private static final Pattern EVENTS =
      Pattern.compile("events: (\\d+) = ok (\\d+) \\+ incomplete (\\d+) \\+ failed (\\d+)");
  private static final Pattern TIMESTEPS =
      Pattern.compile("timesteps: (\\d+) read = (\\d+) detected \\+ (\\d+) failed");
  private static final Pattern TRACKED =
      Pattern.compile("events: (\\d+) = kept (\\d+) \\+ dropped (\\d+)");
  private static final Pattern METRICS =
      Pattern.compile("metrics: (\\d+) events = ok (\\d+) \\+ incomplete (\\d+) \\+ failed (\\d+)");
  private static final Pattern GRANULES =
      Pattern.compile("granules: +(\\d+) distinct, (\\d+) read, (\\d+) failed");
  private static final Pattern CELLS =
      Pattern.compile("cells: +(\\d+) selected, (\\d+) with data, (\\d+) with errors");
  private static final Pattern POINTS_READ = Pattern.compile("points read: +(\\d+)");
  private static final Pattern POINTS_KEPT = Pattern.compile("points kept: +(\\d+)");
  private static final Pattern POINTS_FILTERED =
      Pattern.compile("points filtered: +(\\d+)((?:, [a-z_]+ \\d+)*)");
  private static final Pattern FAILED_GRANULE = Pattern.compile("FAILED granule (\\S+): ");
  private static final Pattern DAYS =
      Pattern.compile(
          "days planned (\\d+), attempted (\\d+), processed (\\d+), uploaded (\\d+), skipped"
              + " existing (\\d+), skipped no input (\\d+), failed (\\d+)");
  private static final Pattern DAY_LINE = Pattern.compile("(?m)^  \\d{4}-\\d{2}-\\d{2}  ");

  /**
   * Checks every counts line of a summary: temporal events, event timesteps, events and metrics,
   * spatial cells, granules and points, historical days. Returns how many lines were checked.
   */
  static int countsAddUp(String text) {
    int checked = 0;
    Matcher m = EVENTS.matcher(text);
    if (m.find()) {
      assertEquals(n(m, 1), n(m, 2) + n(m, 3) + n(m, 4), m.group());
      checked++;
    }
    for (Pattern p : List.of(TIMESTEPS, TRACKED, METRICS)) {
      m = p.matcher(text);
      if (m.find()) {
        long parts = 0;
        for (int g = 2; g <= m.groupCount(); g++) {
          parts += n(m, g);
        }
        assertEquals(n(m, 1), parts, m.group());
        checked++;
      }
    }
    m = GRANULES.matcher(text);
    if (m.find()) {
      assertEquals(n(m, 1), n(m, 2) + n(m, 3), m.group());
      // each failed granule is listed
      Matcher g = FAILED_GRANULE.matcher(text);
      List<String> failed = new ArrayList<>();
      while (g.find()) {
        if (!failed.contains(g.group(1))) {
          failed.add(g.group(1));
        }
      }
      assertEquals(n(m, 3), failed.size(), text);
      checked++;
    }
    m = CELLS.matcher(text);
    if (m.find()) {
      assertTrue(n(m, 2) <= n(m, 1) && n(m, 3) <= n(m, 1), m.group());
      checked++;
    }
    Matcher read = POINTS_READ.matcher(text);
    Matcher kept = POINTS_KEPT.matcher(text);
    Matcher filtered = POINTS_FILTERED.matcher(text);
    if (read.find() && kept.find() && filtered.find()) {
      assertEquals(n(read, 1), n(kept, 1) + n(filtered, 1), text);
      long byReason = 0;
      for (String part : filtered.group(2).split(", ")) {
        if (!part.isEmpty()) {
          byReason += Long.parseLong(part.substring(part.lastIndexOf(' ') + 1));
        }
      }
      assertEquals(n(filtered, 1), byReason, filtered.group());
      checked++;
    }
    m = DAYS.matcher(text);
    if (m.find()) {
      long planned = n(m, 1);
      long attempted = n(m, 2);
      assertEquals(planned, attempted + n(m, 5) + n(m, 6), m.group());
      if (n(m, 4) == 0) {
        assertEquals(attempted, n(m, 3) + n(m, 7), m.group());
      }
      assertEquals(planned, DAY_LINE.matcher(text).results().count(), text);
      checked++;
    }
    return checked;
  }

  private static long n(Matcher m, int group) {
    return Long.parseLong(m.group(group));
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return to;
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).toList();
    }
  }
}

package org.magg.io.s3;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrcTest {
  private static final Path FILE = Path.of("test.netrc");
  private static final String URS = "urs.earthdata.nasa.gov";

  private static Netrc.Entry find(String text, String host) {
    return Netrc.parse(text, FILE, host).orElse(null);
  }

  @Test
  void oneLineAndMultiLineEntries() {
    String text =
        "machine example.com login a password b\n"
            + "machine urs.earthdata.nasa.gov\n"
            + "    login alice\n"
            + "    password s3cret\n";
    Netrc.Entry e = find(text, URS);
    assertEquals("alice", e.login());
    assertEquals("s3cret", e.password());
    assertEquals("a", find(text, "example.com").login());
    assertNull(find(text, "other.org"));
  }

  @Test
  void hostNamesMatchIgnoringCaseAndTheFirstEntryWins() {
    String text =
        "machine URS.Earthdata.NASA.gov login first password one\n"
            + "machine urs.earthdata.nasa.gov login second password two\n";
    assertEquals("first", find(text, URS).login());
  }

  @Test
  void defaultAppliesWhenNoMachineMatches() {
    String text =
        "default login anon password guest\nmachine urs.earthdata.nasa.gov login u password p\n";
    assertEquals("u", find(text, URS).login());
    assertEquals("anon", find(text, "elsewhere.org").login());
  }

  @Test
  void accountIsSkipped() {
    Netrc.Entry e = find("machine urs.earthdata.nasa.gov login u account acct password p", URS);
    assertEquals("u", e.login());
    assertEquals("p", e.password());
  }

  @Test
  void quotedWordsWithSpacesQuotesAndBackslashes() {
    String text =
        "machine urs.earthdata.nasa.gov login \"my user\" password \"a b \\\"c\\\" d\\\\e\"\n";
    Netrc.Entry e = find(text, URS);
    assertEquals("my user", e.login());
    assertEquals("a b \"c\" d\\e", e.password());
  }

  @Test
  void commentsAndMacrosAreSkipped() {
    String text =
        "# a comment with machine urs.earthdata.nasa.gov login no password no\n"
            + "macdef init\n"
            + "machine urs.earthdata.nasa.gov login inside password macro\n"
            + "\n"
            + "machine urs.earthdata.nasa.gov login real password pw # trailing comment\n";
    Netrc.Entry e = find(text, URS);
    assertEquals("real", e.login());
    assertEquals("pw", e.password());
  }

  @Test
  void crlfLineEndings() {
    String text =
        "macdef m\r\nsome commands\r\n\r\nmachine urs.earthdata.nasa.gov\r\n login u\r\n"
            + " password p\r\n";
    assertEquals("p", find(text, URS).password());
  }

  @Test
  void missingPasswordGivesAnEntryWithoutOne() {
    Netrc.Entry e = find("machine urs.earthdata.nasa.gov login u", URS);
    assertEquals("u", e.login());
    assertNull(e.password());
  }

  @Test
  void unquotedPasswordWithSpacesIsAnErrorThatNamesTheLineButNotTheWord() {
    String text =
        "machine a.org login x password y\nmachine urs.earthdata.nasa.gov login u password"
            + " two words\n";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> find(text, URS));
    assertThat(e.getMessage(), containsString("netrc file test.netrc line 2"));
    assertThat(e.getMessage(), containsString("double quotes"));
    assertThat(e.getMessage(), not(containsString("words")));
    assertThat(e.getMessage(), not(containsString("two")));
  }

  @Test
  void valueMissingAtTheEnd() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> find("machine urs.earthdata.nasa.gov login u\npassword", URS));
    assertThat(e.getMessage(), containsString("line 2: expected a value after 'password'"));
  }

  @Test
  void unclosedQuote() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> find("\nmachine urs.earthdata.nasa.gov login u password \"abc", URS));
    assertThat(e.getMessage(), containsString("line 2: a quoted word is not closed"));
    assertThat(e.getMessage(), not(containsString("abc")));
  }

  @Test
  void missingFileIsEmptyAndTheFileIsReadFromDisk(@TempDir Path tmp) throws Exception {
    assertEquals(Optional.empty(), Netrc.find(tmp.resolve("absent"), URS));
    Path f = tmp.resolve("netrc");
    Files.writeString(f, "machine urs.earthdata.nasa.gov login u password pw-secret-1\n");
    Netrc.Entry e = Netrc.find(f, URS).orElseThrow();
    assertEquals(f, e.file());
    assertEquals("pw-secret-1", e.password());
    assertThat(e.toString(), not(containsString("pw-secret-1")));
    assertThat(e.toString(), containsString("not shown"));
  }

  @Test
  void defaultPathHonoursNetrcVariable() {
    assertEquals(
        Path.of("/some/where/netrc"), Netrc.defaultPath(Map.of("NETRC", "/some/where/netrc")));
    Path home = Netrc.defaultPath(Map.of());
    assertEquals(Path.of(System.getProperty("user.home")), home.getParent());
    assertTrue(home.getFileName().toString().endsWith("netrc"));
  }
}

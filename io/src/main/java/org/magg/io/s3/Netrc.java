package org.magg.io.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the login and password for one host from a {@code .netrc} file, as ftp, curl and Python's
 * {@code netrc} module do: whitespace-separated {@code machine}, {@code default}, {@code login},
 * {@code password}, {@code account} and {@code macdef} entries; double-quoted words with backslash
 * escapes; {@code #} comments. The first {@code machine} entry for the host wins, and a {@code
 * default} entry applies when none matches. Errors name the file and the line but never echo a word
 * of it, since any word might be a password.
 */
final class Netrc {
  private Netrc() {}

  /** A login found in a netrc file. */
  record Entry(String login, String password, Path file) {
    @Override
    public String toString() {
      return "netrc entry in " + file + " (login and password not shown)";
    }
  }

  /**
   * The netrc file curl and Python's requests would read: {@code $NETRC} if set and non-empty, else
   * {@code ~/.netrc} ({@code ~/_netrc} on Windows).
   */
  static Path defaultPath(Map<String, String> env) {
    String fromEnv = env.get("NETRC");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String home = System.getProperty("user.home");
    boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    return Path.of(home, windows ? "_netrc" : ".netrc");
  }

  /**
   * The entry for {@code host} in {@code file}; empty if the file does not exist or has neither a
   * matching machine nor a default entry.
   *
   * @throws IllegalArgumentException if the file cannot be parsed, naming the file and line
   * @throws UncheckedIOException if the file exists but cannot be read
   */
  static Optional<Entry> find(Path file, String host) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read netrc file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file, host);
  }

  static Optional<Entry> parse(String text, Path file, String host) {
    Lexer lex = new Lexer(text, file);
    Entry defaultEntry = null;
    Lexer.Token word;
    while ((word = lex.next()) != null) {
      boolean isDefault;
      String machine = null;
      if (word.text().equals("machine")) {
        isDefault = false;
        machine = lex.required(word, "a host name after 'machine'");
      } else if (word.text().equals("default")) {
        isDefault = true;
      } else if (word.text().equals("macdef")) {
        lex.required(word, "a macro name after 'macdef'");
        lex.skipMacro();
        continue;
      } else {
        throw lex.error(word, "expected 'machine', 'default' or 'macdef'");
      }
      String login = null;
      String password = null;
      // The entry's attributes run until the next machine, default or macdef.
      Lexer.Token key;
      while ((key = lex.next()) != null) {
        String k = key.text();
        if (k.equals("machine") || k.equals("default") || k.equals("macdef")) {
          lex.pushBack(key);
          break;
        }
        switch (k) {
          case "login" -> login = lex.required(key, "a value after 'login'");
          case "password" -> password = lex.required(key, "a value after 'password'");
          case "account" -> lex.required(key, "a value after 'account'");
          default ->
              throw lex.error(
                  key,
                  "expected 'login', 'password', 'account', 'machine', 'default' or 'macdef'"
                      + " (a password with spaces must be in double quotes)");
        }
      }
      Entry entry = new Entry(login, password, file);
      if (!isDefault && machine.equalsIgnoreCase(host)) {
        return Optional.of(entry);
      }
      if (isDefault && defaultEntry == null) {
        defaultEntry = entry;
      }
    }
    return Optional.ofNullable(defaultEntry);
  }

  /** Splits netrc text into words, tracking line numbers for errors. */
  private static final class Lexer {
    private static final Pattern BLANK_LINE = Pattern.compile("\n[ \t\r]*\n");

    record Token(String text, int line) {}

    private final String text;
    private final Path file;
    private int pos;
    private int line = 1;
    private Token pushed;

    Lexer(String text, Path file) {
      this.text = text;
      this.file = file;
    }

    Token next() {
      if (pushed != null) {
        Token t = pushed;
        pushed = null;
        return t;
      }
      return read();
    }

    void pushBack(Token t) {
      pushed = t;
    }

    String required(Token after, String what) {
      Token t = next();
      if (t == null) {
        throw new IllegalArgumentException(
            "netrc file "
                + file
                + " line "
                + after.line()
                + ": expected "
                + what
                + ", found the end");
      }
      return t.text();
    }

    IllegalArgumentException error(Token at, String expected) {
      return new IllegalArgumentException(
          "netrc file " + file + " line " + at.line() + ": unexpected word, " + expected);
    }

    /** Skips a macro body: everything up to an empty line. */
    void skipMacro() {
      Matcher blank = BLANK_LINE.matcher(text);
      int end = blank.find(pos) ? blank.end() : text.length();
      for (int i = pos; i < end; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      pos = end;
    }

    private Token read() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\n') {
          line++;
          pos++;
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '#') {
          while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
          }
        } else {
          break;
        }
      }
      if (pos >= text.length()) {
        return null;
      }
      int start = line;
      StringBuilder word = new StringBuilder();
      if (text.charAt(pos) == '"') {
        pos++;
        while (true) {
          if (pos >= text.length()) {
            throw new IllegalArgumentException(
                "netrc file " + file + " line " + start + ": a quoted word is not closed");
          }
          char c = text.charAt(pos++);
          if (c == '"') {
            break;
          }
          if (c == '\\' && pos < text.length()) {
            c = text.charAt(pos++);
          }
          if (c == '\n') {
            line++;
          }
          word.append(c);
        }
        return new Token(word.toString(), start);
      }
      while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length()) {
          c = text.charAt(pos++);
        }
        word.append(c);
      }
      return new Token(word.toString(), start);
    }
  }
}

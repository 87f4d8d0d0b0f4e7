package org.magg.io.historical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the nested cells of UDL CSV exports ({@code seoList}, {@code senPos}), which come either
 * as JSON ({@code [{"obValue":1.5E-7}]}) or as Python literal text ({@code [{'obValue': 1.5e-07,
 * 'obQuality': '0'}]}), depending on the tool that wrote the file. Accepts lists, tuples, dicts
 * with string keys, single- or double-quoted strings, numbers, {@code True/False/None} and {@code
 * true/false/null}. Produces {@link List}, {@link Map} (insertion ordered), {@link String}, {@link
 * Long} or {@link Double}, {@link Boolean} and null.
 */
final class LiteralParser {
  private final String text;
  private int pos;

  private LiteralParser(String text) {
    this.text = text;
  }

  /**
   * Parses one literal that must span the whole text (surrounding blanks allowed).
   *
   * @throws IllegalArgumentException naming the character offset and what was expected
   */
  static Object parse(String text) {
    LiteralParser p = new LiteralParser(text);
    p.skipBlanks();
    Object v = p.value();
    p.skipBlanks();
    if (p.pos != text.length()) {
      throw p.error("end of text");
    }
    return v;
  }

  private IllegalArgumentException error(String expected) {
    String found =
        pos >= text.length() ? "end of text" : "'" + text.charAt(pos) + "' at offset " + pos;
    return new IllegalArgumentException(
        "expected " + expected + " but found " + found + " in " + abbreviate(text));
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '[':
        return sequence(']');
      case '(':
        return sequence(')');
      case '{':
        return dict();
      case '\'':
      case '"':
        return string();
      default:
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
          return number();
        }
        return word();
    }
  }

  private List<Object> sequence(char close) {
    pos++; // opening bracket
    List<Object> out = new ArrayList<>();
    skipBlanks();
    if (peek(close)) {
      pos++;
      return out;
    }
    while (true) {
      skipBlanks();
      out.add(value());
      skipBlanks();
      if (peek(',')) {
        pos++;
        skipBlanks();
        if (peek(close)) { // trailing comma, as Python allows
          pos++;
          return out;
        }
        continue;
      }
      if (peek(close)) {
        pos++;
        return out;
      }
      throw error("',' or '" + close + "'");
    }
  }

  private Map<String, Object> dict() {
    pos++;
    Map<String, Object> out = new LinkedHashMap<>();
    skipBlanks();
    if (peek('}')) {
      pos++;
      return out;
    }
    while (true) {
      skipBlanks();
      if (!peek('\'') && !peek('"')) {
        throw error("a quoted key");
      }
      String key = string();
      skipBlanks();
      if (!peek(':')) {
        throw error("':'");
      }
      pos++;
      skipBlanks();
      out.put(key, value());
      skipBlanks();
      if (peek(',')) {
        pos++;
        skipBlanks();
        if (peek('}')) {
          pos++;
          return out;
        }
        continue;
      }
      if (peek('}')) {
        pos++;
        return out;
      }
      throw error("',' or '}'");
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '/' -> sb.append('/');
        case '\\', '\'', '"' -> sb.append(e);
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("four hex digits after \\u");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("four hex digits after \\u");
          }
          pos += 4;
        }
        default -> {
          // Python keeps unknown escapes as they are
          sb.append('\\').append(e);
        }
      }
    }
    throw error("closing " + quote);
  }

  private Object number() {
    int start = pos;
    if (peek('-') || peek('+')) {
      pos++;
    }
    boolean real = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c)) {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        real = true;
        pos++;
        if ((c == 'e' || c == 'E') && (peek('-') || peek('+'))) {
          pos++;
        }
      } else {
        break;
      }
    }
    String s = text.substring(start, pos);
    try {
      if (!real) {
        return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("a number");
    }
  }

  private Object word() {
    int start = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String w = text.substring(start, pos);
    switch (w) {
      case "True":
      case "true":
        return Boolean.TRUE;
      case "False":
      case "false":
        return Boolean.FALSE;
      case "None":
      case "null":
        return null;
      default:
        pos = start;
        throw error("a list, dict, string, number, True/False/None or true/false/null");
    }
  }
}

package org.magg.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.magg.core.Json;

/**
 * SHA-256 digests (lower-case hex) of bytes, of a stream's content, and of a value's canonical
 * JSON: the value as {@link Json#mapper()} writes it, with object keys sorted at every level and no
 * whitespace, so that two configurations that mean the same hash the same.
 */
public final class ContentHashes {
  private ContentHashes() {}

  /** SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** SHA-256 of everything left in {@code in} (not closed). */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest d = digest();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      d.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * The canonical JSON of {@code value} (a map, list, record, string, number, boolean or null):
   * keys sorted at every level, no whitespace.
   */
  public static String canonicalJson(Object value) {
    JsonNode tree = Json.mapper().valueToTree(value);
    try {
      return Json.mapper().writeValueAsString(sorted(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + Json.problem(e), e);
    }
  }

  /** SHA-256 of the UTF-8 bytes of {@link #canonicalJson}. */
  public static String sha256OfCanonicalJson(Object value) {
    return sha256(canonicalJson(value).getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      Collections.sort(names);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String n : names) {
        out.set(n, sorted(node.get(n)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode e : node) {
        out.add(sorted(e));
      }
      return out;
    }
    return node;
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}

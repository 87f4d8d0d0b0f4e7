package org.magg.io.historical;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiteralParserTest {
  @Test
  void readsPythonLiteralSeoList() {
    Object v =
        LiteralParser.parse(
            "[{'obType': 'Energetic Charged Particle', 'obValue': 4.02944e-05, 'obQuality': '0',"
                + " 'obDescription': 'DOSE1 (Flavor X) in rad/second', 'x': None, 'ok': True}]");
    Map<?, ?> m = (Map<?, ?>) ((List<?>) v).get(0);
    assertEquals(4.02944e-05, m.get("obValue"));
    assertEquals("0", m.get("obQuality"));
    assertEquals("DOSE1 (Flavor X) in rad/second", m.get("obDescription"));
    assertNull(m.get("x"));
    assertEquals(true, m.get("ok"));
  }

  @Test
  void readsJson() {
    Object v =
        LiteralParser.parse(
            "[{\"obValue\":5.820433436476043E-7,\"obQuality\":\"0\",\"n\":null,\"b\":false}]");
    Map<?, ?> m = (Map<?, ?>) ((List<?>) v).get(0);
    assertEquals(5.820433436476043E-7, m.get("obValue"));
    assertNull(m.get("n"));
    assertEquals(false, m.get("b"));
  }

  @Test
  void readsNumbersTuplesEscapesAndTrailingCommas() {
    assertEquals(
        List.of(-6897.404902000001, 409L, -1.5e-3),
        LiteralParser.parse("(-6897.404902000001, 409, -1.5e-3,)"));
    assertEquals("it's \"q\"\n", LiteralParser.parse("'it\\'s \"q\"\\n'"));
    assertEquals("\u00e9", LiteralParser.parse("\"\\u00e9\""));
    assertEquals(Map.of(), LiteralParser.parse(" {} "));
  }

  @Test
  void errorsSayWhatWasExpectedAndWhere() {
    var e = assertThrows(IllegalArgumentException.class, () -> LiteralParser.parse("[1, 2"));
    assertThat(e.getMessage(), containsString("expected ',' or ']' but found end of text"));
    e = assertThrows(IllegalArgumentException.class, () -> LiteralParser.parse("[1 2]"));
    assertThat(e.getMessage(), containsString("'2' at offset 3"));
    e = assertThrows(IllegalArgumentException.class, () -> LiteralParser.parse("{'a' 1}"));
    assertThat(e.getMessage(), containsString("expected ':'"));
    e = assertThrows(IllegalArgumentException.class, () -> LiteralParser.parse("[nan]"));
    assertThat(e.getMessage(), containsString("True/False/None"));
    e = assertThrows(IllegalArgumentException.class, () -> LiteralParser.parse("'open"));
    assertThat(e.getMessage(), containsString("closing '"));
    e = assertThrows(IllegalArgumentException.class, () -> LiteralParser.parse("[1] x"));
    assertThat(e.getMessage(), containsString("expected end of text"));
  }
}

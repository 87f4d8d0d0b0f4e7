package org.magg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void aJsonSyntaxErrorIsOneLineWithItsPlace() {
    JsonProcessingException e =
        assertThrows(
            JsonProcessingException.class, () -> Json.mapper().readTree("{\"a\": [1,\n 2\n"));
    // the array opened on line 1, column 7; the text ends on line 3
    assertEquals(
        "Unexpected end-of-input: expected close marker for Array (start marker at line 1,"
            + " column 7) (line 3, column 1)",
        Json.problem(e));
  }

  @Test
  void aYamlSyntaxErrorLosesTheQuotedLinesAndCarets() {
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> Json.yaml().readTree("a: [1, 2\nb: 3\n"));
    String p = Json.problem(e);
    assertEquals(-1, p.indexOf('\n'), p);
    assertEquals(-1, p.indexOf('^'), p);
    assertEquals(
        "while parsing a flow sequence; expected ',' or ']', but got : (line 2, column 2)", p);
  }
}

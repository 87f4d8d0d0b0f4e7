package org.magg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlBindingSuggestionTest {

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    // kitten -> sitten -> sittin -> sitting
    assertEquals(3, YamlBinding.editDistance("kitten", "sitting"));
    assertEquals(1, YamlBinding.editDistance("stor", "store"));
    assertEquals(1, YamlBinding.editDistance("child_ordr", "child_order"));
    assertEquals(2, YamlBinding.editDistance("ab", "ba"));
    assertEquals(0, YamlBinding.editDistance("grid", "grid"));
    assertEquals(4, YamlBinding.editDistance("", "grid"));
  }

  @Test
  void aNameAtMostTwoEditsAwayIsSuggested() {
    List<String> output =
        List.of("compression_level", "compressor", "grid", "store", "zarr_format");
    assertEquals("store", YamlBinding.nearest("stor", output));
    assertEquals("compressor", YamlBinding.nearest("compresor", output));
    // "size" is 4 edits from dtype and more from fill_value: no suggestion
    assertNull(YamlBinding.nearest("size", List.of("dtype", "fill_value")));
  }
}

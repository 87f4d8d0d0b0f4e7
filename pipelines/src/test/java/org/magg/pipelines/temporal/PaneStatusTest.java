package org.magg.pipelines.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.io.temporal.EventRow;

/** The summary's status per event from the panes of its rows, and the names of their results. */
class PaneStatusTest {
  @Test
  void eachEventCountsOnceWithItsLatestPane() {
    List<PaneStatus> panes =
        List.of(
            // E1: on time incomplete, then a late pane completes it -> ok
            new PaneStatus("E1", 1, "ok"),
            new PaneStatus("E1", 0, "incomplete"),
            // E2: ok, then a later pane that is incomplete -> incomplete (the latest wins)
            new PaneStatus("E2", 0, "ok"),
            new PaneStatus("E2", 2, "incomplete"),
            // E3: one pane
            new PaneStatus("E3", 0, "ok"),
            // E4: broken in the catalog (its failed row, if it comes as a pane, is not counted
            // again)
            new PaneStatus("E4", EventRow.CATALOG_ENTRY, "failed"));
    // ok {E1, E3}, incomplete {E2}, failed {E4}: 4 events, each once
    assertEquals(
        Map.of("ok", 2, "incomplete", 1, "failed", 1), PaneStatus.counts(panes, List.of("E4")));
  }

  @Test
  void anIdGivenTwiceCountsTheEventAndTheRefusedRepeat() {
    // catalog a, b, a: the first a and b evaluate ok, the repeat of a is refused by the catalog
    List<PaneStatus> panes =
        List.of(
            new PaneStatus("a", 0, "ok"),
            new PaneStatus("b", 0, "ok"),
            new PaneStatus("a", EventRow.CATALOG_ENTRY, "failed"));
    // 3 entries = ok 2 + failed 1
    assertEquals(Map.of("ok", 2, "failed", 1), PaneStatus.counts(panes, List.of("a")));
    // two refused entries with one id count twice
    assertEquals(
        Map.of("ok", 1, "failed", 2),
        PaneStatus.counts(List.of(new PaneStatus("b", 0, "ok")), List.of("a", "a")));
  }

  @Test
  void aCatalogFailureWithoutARowIsFailed() {
    assertEquals(
        Map.of("ok", 1, "failed", 1),
        PaneStatus.counts(List.of(new PaneStatus("E1", 0, "ok")), List.of("E9")));
  }

  @Test
  void keysNameOneResultPerEventAndPane() {
    PaneStatus p = new PaneStatus("storm/7", 3, "ok");
    // the same pane of the same event (a retried bundle) gets the same name, whatever its status
    assertEquals(p.key(), new PaneStatus("storm/7", 3, "incomplete").key());
    assertTrue(p.key().startsWith("storm_7-"), p.key());
    assertTrue(p.key().endsWith(".pane-3"), p.key());
    assertNotEquals(p.key(), new PaneStatus("storm/7", 4, "ok").key());
    // ids that differ only in characters a file name cannot hold keep apart
    assertNotEquals(p.key(), new PaneStatus("storm_7", 3, "ok").key());
  }
}

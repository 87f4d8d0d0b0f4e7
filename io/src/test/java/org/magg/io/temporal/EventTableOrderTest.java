package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rows of the event table: latest panes, refused catalog entries kept apart, catalog order. */
class EventTableOrderTest {
  private static EventRow evaluated(String id, String status, long pane) {
    return new EventRow(id, 0, 0, status, "", new double[] {1}, 1, 8, "ON_TIME", pane);
  }

  private static String describe(EventRow r) {
    return r.eventId() + " " + r.status() + (r.catalogEntry() ? " refused" : " #" + r.paneIndex());
  }

  @Test
  void aRepeatedIdKeepsTheEventRowAndAddsTheRefusedEntryInItsPlace() {
    // catalog a, b, a: the order lists the loaded events first, then the refused entries
    List<String> order = List.of("a", "b", "a");
    List<EventRow> rows =
        List.of(
            EventRow.failed("a", "event 'a', events[2]: the id is given twice", 1),
            evaluated("b", EventRow.OK, 0),
            evaluated("a", EventRow.INCOMPLETE, 0),
            evaluated("a", EventRow.OK, 1));
    assertThat(
        EventTableIO.inOrder(rows, order).stream().map(EventTableOrderTest::describe).toList(),
        is(List.of("a ok #1", "b ok #0", "a failed refused")));
  }

  @Test
  void refusedEntriesOfOneIdEachKeepARowAndUnknownIdsComeLast() {
    // x loaded; y refused twice (a bad time, then a repeat); z is not in the order
    List<String> order = List.of("x", "y", "y");
    List<EventRow> rows =
        List.of(
            evaluated("z", EventRow.OK, 0),
            EventRow.failed("y", "line 4: the id is given twice", 1),
            EventRow.failed("y", "line 3: bad start", 1),
            evaluated("x", EventRow.OK, 0));
    List<EventRow> out = EventTableIO.inOrder(rows, order);
    assertThat(
        out.stream().map(EventTableOrderTest::describe).toList(),
        is(List.of("x ok #0", "y failed refused", "y failed refused", "z ok #0")));
    assertThat(out.get(1).reason(), is("line 3: bad start"));
    assertThat(out.get(2).reason(), is("line 4: the id is given twice"));
  }
}

package org.magg.pipelines.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.magg.io.temporal.EventRow;

/**
 * The status of one pane of one event's row, brought back to the launcher for the run's summary.
 *
 * @param eventId the event
 * @param paneIndex the pane's index (0 for the first result; later panes update it)
 * @param status {@code ok}, {@code incomplete} or {@code failed}
 */
record PaneStatus(String eventId, long paneIndex, String status) {

  static PaneStatus of(EventRow row) {
    return new PaneStatus(row.eventId(), row.paneIndex(), row.status());
  }

  /**
   * The name of this pane's result: one per event and pane, so a retried bundle rewrites it. The
   * id's file-name-safe form is followed by a hash of the id itself, so ids that differ only in
   * characters a file name cannot hold do not share a name.
   */
  String key() {
    String safe = eventId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 80) {
      safe = safe.substring(0, 80);
    }
    return safe + "-" + hash(eventId) + ".pane-" + paneIndex;
  }

  /**
   * Catalog entries by status: each loaded event counts once, with the status of its latest pane
   * (the highest index, as the table keeps); each entry the catalog refused ({@code
   * catalogFailures}, one per entry, by id) counts once as {@code failed}, also when its id is the
   * id of a loaded event (an id given twice: the first entry is the event, the repeat is refused).
   * Panes of refused entries ({@link EventRow#CATALOG_ENTRY}) are counted through {@code
   * catalogFailures}, not again.
   */
  static Map<String, Integer> counts(
      Collection<PaneStatus> panes, Collection<String> catalogFailures) {
    Map<String, PaneStatus> latest = new HashMap<>();
    for (PaneStatus p : panes) {
      if (p.paneIndex != EventRow.CATALOG_ENTRY) {
        latest.merge(p.eventId, p, (a, b) -> b.paneIndex > a.paneIndex ? b : a);
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    latest.values().forEach(p -> counts.merge(p.status, 1, Integer::sum));
    if (!catalogFailures.isEmpty()) {
      counts.merge(EventRow.FAILED, catalogFailures.size(), Integer::sum);
    }
    return counts;
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Coder<PaneStatus> coder() {
    return PaneStatusCoder.INSTANCE;
  }

  /** The coder of {@link PaneStatus}. */
  static final class PaneStatusCoder extends AtomicCoder<PaneStatus> {
    private static final PaneStatusCoder INSTANCE = new PaneStatusCoder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(PaneStatus p, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeUTF(p.eventId);
      d.writeLong(p.paneIndex);
      d.writeUTF(p.status);
      d.flush();
    }

    @Override
    public PaneStatus decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      return new PaneStatus(d.readUTF(), d.readLong(), d.readUTF());
    }

    @Override
    public void verifyDeterministic() {}
  }
}

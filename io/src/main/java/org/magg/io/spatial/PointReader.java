package org.magg.io.spatial;

import java.io.IOException;
import java.io.Serializable;

/** Reads the point columns of one granule, group by group. */
interface PointReader extends Serializable {

  /** Receives what a granule holds, one group at a time. */
  interface Listener {
    /** The columns of one group. */
    void columns(PointColumns columns);

    /** The granule has no such group (for example an ATL06 beam that was off): not an error. */
    void groupMissing(String group);

    /** The group exists but cannot be used; the rest of the granule goes on. */
    void groupFailed(String group, String reason);

    /**
     * A row of a group that cannot be read (wrong number of fields, a needed field that is not a
     * number); the rest of the group goes on.
     *
     * @param line the row's line number in the file (1-based)
     * @param reason what is wrong, naming the file and line
     */
    void rowMalformed(String group, long line, String reason);
  }

  /**
   * Reads a granule. Throws when the granule as a whole cannot be read (missing, truncated, not in
   * the expected format); the message names the granule.
   */
  void read(String granule, Listener listener) throws IOException;
}

package org.magg.transforms.event;

/** Why an event ended; {@link #csv()} is the lifecycle table's {@code end_reason}. */
public enum EndReason {
  /** Nothing continued it within {@code max_gap_steps}. */
  LYSIS("lysis"),
  /** It chose the same object as a track with a larger overlap, which continued. */
  MERGED("merged"),
  /** It was open when the data ended: seen at the last timestep, or within its allowed gap. */
  END_OF_DATA("end_of_data");

  private final String csv;

  EndReason(String csv) {
    this.csv = csv;
  }

  /** {@code lysis}, {@code merged} or {@code end_of_data}. */
  public String csv() {
    return csv;
  }
}

package org.magg.events;

import java.io.IOException;
import org.magg.io.s3.S3Settings;

/** {@link GridFiles} on the project's gridded reader. */
final class GriddedGridFiles implements GridFiles {
  private final S3Settings s3;

  private GriddedGridFiles(S3Settings s3) {
    this.s3 = s3;
  }

  static GridFiles of(S3Settings s3OrNull) {
    return new GriddedGridFiles(s3OrNull);
  }

  @Override
  public GridFile open(String location) throws IOException {
    throw new IOException(location + ": gridded files cannot be read yet");
  }
}

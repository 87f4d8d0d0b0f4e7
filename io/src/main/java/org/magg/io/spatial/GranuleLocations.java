package org.magg.io.spatial;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.magg.io.s3.S3Location;

/** Turns a granule string into an S3 location or a local path, with errors naming the granule. */
final class GranuleLocations {
  private GranuleLocations() {}

  /** Whether the granule is an {@code s3://} object. */
  static boolean isS3(String granule) {
    return S3Location.isS3(granule);
  }

  /** The S3 location of a granule; {@code what} ("granule", "point table") starts the message. */
  static S3Location s3(String granule, String what) throws IOException {
    try {
      return S3Location.parse(granule);
    } catch (IllegalArgumentException e) {
      throw new IOException(what + " " + e.getMessage(), e);
    }
  }

  /** The local path of a granule given as a path or a {@code file:} URI. */
  static Path local(String granule, String what) throws IOException {
    if (granule.startsWith("file:")) {
      return Path.of(URI.create(granule));
    }
    if (granule.contains("://")) {
      throw new IOException(
          what + " " + granule + ": only local files and s3:// objects can be read");
    }
    return Path.of(granule);
  }
}

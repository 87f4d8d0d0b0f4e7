package org.magg.io.zarr;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Settings;

/** Opens stores from location strings and writes consolidated metadata. */
public final class ZarrStores {

  private static final Pattern URI_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private ZarrStores() {}

  /**
   * Opens a store from a location: a local directory path, a {@code file:} URI, or {@code
   * s3://bucket/prefix} (an {@link S3ZarrStore} reached with the AWS defaults, see {@link
   * S3Settings#defaults()}).
   *
   * @throws UnsupportedOperationException for other URI schemes
   */
  public static ZarrStore open(String location) {
    return open(location, S3Settings.defaults());
  }

  /**
   * Opens a store from a location as {@link #open(String)} does; {@code s3://} locations are
   * reached with {@code s3}.
   */
  public static ZarrStore open(String location, S3Settings s3) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("Store location must not be empty");
    }
    String trimmed = location.trim();
    java.util.regex.Matcher m = URI_SCHEME.matcher(trimmed);
    if (m.find() && m.group(1).length() > 1) {
      String scheme = m.group(1).toLowerCase(Locale.ROOT);
      switch (scheme) {
        case "file":
          try {
            return new FileSystemZarrStore(Path.of(URI.create(trimmed)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "Invalid file: URI for a Zarr store: '" + trimmed + "' (" + e.getMessage() + ")",
                e);
          }
        case "s3":
        case "s3a":
          return new S3ZarrStore(S3Location.parse(trimmed), s3);
        default:
          throw new UnsupportedOperationException(
              "Unsupported Zarr store location scheme '"
                  + scheme
                  + "' in '"
                  + trimmed
                  + "'. Use a local directory, a file: URI or s3://bucket/prefix.");
      }
    }
    return new FileSystemZarrStore(Path.of(trimmed));
  }

  /**
   * Writes consolidated metadata for the whole store (the root group must exist): {@code
   * .zmetadata} for v2, the {@code consolidated_metadata} field of the root {@code zarr.json} for
   * v3. Call it once all arrays and groups have been created.
   */
  public static void consolidate(ZarrStore store, ZarrFormat format) throws IOException {
    Consolidated.write(store, "", format);
  }

  /** Like {@link #consolidate(ZarrStore, ZarrFormat)}, for the group at {@code groupPath}. */
  public static void consolidate(ZarrStore store, String groupPath, ZarrFormat format)
      throws IOException {
    Consolidated.write(store, StoreKeys.normalizePath(groupPath), format);
  }
}

package org.magg.io.cmr;

import java.util.Locale;

/** Which granule address goes into the catalog. */
public enum UrlType {
  /** {@code s3://bucket/key}, CMR's {@code GET DATA VIA DIRECT ACCESS} links (in-region access). */
  S3,
  /** {@code https://...}, CMR's {@code GET DATA} links (Earthdata Login download). */
  HTTPS;

  /** Parses {@code s3} or {@code https} (any case). */
  public static UrlType parse(String text) {
    for (UrlType t : values()) {
      if (t.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException("URL type must be s3 or https, got '" + text + "'");
  }

  /** {@code s3} or {@code https}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

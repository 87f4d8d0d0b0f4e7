package org.magg.io.cmr;

import java.util.List;

/**
 * What a catalog needs of one CMR granule (a UMM-G record).
 *
 * @param conceptId CMR concept id ({@code meta.concept-id}), e.g. {@code G1234-NSIDC_CPRD}
 * @param granuleUr {@code umm.GranuleUR}
 * @param begin {@code TemporalExtent} start as written by CMR (empty if absent)
 * @param s3Url the {@code s3://} data link, or null
 * @param httpsUrl the {@code https://} data link, or null
 * @param polygons exterior rings of {@code GPolygons}, each {@code {lon[], lat[]}} in degrees
 * @param boxes {@code BoundingRectangles}, each {@code {west, south, east, north}}
 * @param otherGeometry geometry kinds present but not used ({@code Points}, {@code Lines})
 * @param geometryProblem why the geometry could not be read, or null
 */
public record CmrGranule(
    String conceptId,
    String granuleUr,
    String begin,
    String s3Url,
    String httpsUrl,
    List<double[][]> polygons,
    List<double[]> boxes,
    List<String> otherGeometry,
    String geometryProblem) {

  /** The URL of the requested kind, or null. */
  public String url(UrlType type) {
    return type == UrlType.S3 ? s3Url : httpsUrl;
  }

  /** A short name for messages: the granule UR, else the concept id. */
  public String label() {
    return granuleUr != null && !granuleUr.isEmpty() ? granuleUr : conceptId;
  }
}

package org.magg.io.cmr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads UMM-G granule records ({@code granules.umm_json} items): {@code meta.concept-id}, {@code
 * umm.GranuleUR}, {@code umm.TemporalExtent}, {@code umm.RelatedUrls} and {@code
 * umm.SpatialExtent.HorizontalSpatialDomain.Geometry} ({@code GPolygons}, {@code
 * BoundingRectangles}).
 *
 * <p>Data links: the S3 link is a {@code s3://} URL of type {@code GET DATA VIA DIRECT ACCESS} (or,
 * failing that, {@code GET DATA}); the HTTPS link an {@code https://} URL of type {@code GET DATA}
 * that is not an OPeNDAP link. When several qualify, the one whose file name is the granule UR
 * (ATL06: {@code ATL06_..._007_01.h5}) wins, then a {@code .h5}/{@code .nc} file, then the first
 * listed.
 */
final class UmmGranules {
  static final String DIRECT = "GET DATA VIA DIRECT ACCESS";
  static final String GET_DATA = "GET DATA";

  private UmmGranules() {}

  /** Parses one item; malformed geometry is reported in {@link CmrGranule#geometryProblem()}. */
  static CmrGranule parse(JsonNode item) {
    JsonNode umm = item.path("umm");
    String conceptId = item.path("meta").path("concept-id").asText("");
    String ur = umm.path("GranuleUR").asText("");
    JsonNode temporal = umm.path("TemporalExtent");
    String begin = temporal.path("RangeDateTime").path("BeginningDateTime").asText("");
    if (begin.isEmpty()) {
      begin = temporal.path("SingleDateTime").asText("");
    }
    String s3 = pickUrl(umm.path("RelatedUrls"), "s3://", ur);
    String https = pickUrl(umm.path("RelatedUrls"), "https://", ur);
    JsonNode geometry = umm.path("SpatialExtent").path("HorizontalSpatialDomain").path("Geometry");
    List<double[][]> polygons = new ArrayList<>();
    List<double[]> boxes = new ArrayList<>();
    String problem = null;
    try {
      readGeometry(geometry, polygons, boxes);
    } catch (IllegalArgumentException e) {
      problem = "SpatialExtent.HorizontalSpatialDomain.Geometry." + e.getMessage();
      polygons.clear();
      boxes.clear();
    }
    List<String> other = new ArrayList<>();
    for (String kind : new String[] {"Points", "Lines"}) {
      if (geometry.path(kind).size() > 0) {
        other.add(kind);
      }
    }
    return new CmrGranule(
        conceptId,
        ur,
        begin,
        s3,
        https,
        List.copyOf(polygons),
        List.copyOf(boxes),
        List.copyOf(other),
        problem);
  }

  private static void readGeometry(
      JsonNode geometry, List<double[][]> polygons, List<double[]> boxes) {
    JsonNode gpolygons = geometry.path("GPolygons");
    for (int k = 0; k < gpolygons.size(); k++) {
      String where = "GPolygons[" + k + "].Boundary.Points";
      JsonNode points = gpolygons.get(k).path("Boundary").path("Points");
      if (!points.isArray()) {
        throw new IllegalArgumentException(where + " is missing");
      }
      double[] lon = new double[points.size()];
      double[] lat = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        JsonNode p = points.get(i);
        lon[i] = number(p, "Longitude", where + "[" + i + "]");
        lat[i] = number(p, "Latitude", where + "[" + i + "]");
      }
      polygons.add(new double[][] {lon, lat});
    }
    JsonNode rects = geometry.path("BoundingRectangles");
    for (int k = 0; k < rects.size(); k++) {
      JsonNode r = rects.get(k);
      String where = "BoundingRectangles[" + k + "]";
      boxes.add(
          new double[] {
            number(r, "WestBoundingCoordinate", where),
            number(r, "SouthBoundingCoordinate", where),
            number(r, "EastBoundingCoordinate", where),
            number(r, "NorthBoundingCoordinate", where)
          });
    }
  }

  private static double number(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(
          where + "." + field + ": expected a number, got " + (v == null ? "nothing" : v));
    }
    return v.asDouble();
  }

  private static String pickUrl(JsonNode relatedUrls, String scheme, String granuleUr) {
    String best = null;
    int bestScore = -1;
    for (JsonNode u : relatedUrls) {
      String url = u.path("URL").asText("");
      String type = u.path("Type").asText("");
      String subtype = u.path("Subtype").asText("");
      if (!url.startsWith(scheme)) {
        continue;
      }
      int score;
      if (scheme.equals("s3://") && type.equals(DIRECT)) {
        score = 20;
      } else if (type.equals(GET_DATA) && !subtype.toUpperCase().contains("OPENDAP")) {
        score = 10;
      } else {
        continue;
      }
      String name = url.substring(url.lastIndexOf('/') + 1);
      if (!granuleUr.isEmpty() && name.equals(granuleUr)) {
        score += 2;
      } else if (name.endsWith(".h5") || name.endsWith(".nc") || name.endsWith(".nc4")) {
        score += 1;
      }
      if (score > bestScore) {
        bestScore = score;
        best = url;
      }
    }
    return best;
  }
}

package org.magg.io.cmr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.magg.core.grid.SphericalPolygon;

/** Reads polygon rings from GeoJSON; errors name the file and the JSON path. */
final class GeoJson {
  private GeoJson() {}

  static void collect(
      JsonNode node, String path, String file, List<SphericalPolygon> out, int[] holes) {
    if (node == null || !node.isObject()) {
      throw error(file, path, "expected a GeoJSON object");
    }
    String type = node.path("type").asText("");
    switch (type) {
      case "FeatureCollection" -> {
        JsonNode features = node.get("features");
        if (features == null || !features.isArray()) {
          throw error(file, path + "features", "expected an array of features");
        }
        for (int k = 0; k < features.size(); k++) {
          collect(features.get(k), path + "features[" + k + "].", file, out, holes);
        }
      }
      case "Feature" -> {
        JsonNode geometry = node.get("geometry");
        if (geometry != null && !geometry.isNull()) {
          collect(geometry, path + "geometry.", file, out, holes);
        }
      }
      case "GeometryCollection" -> {
        JsonNode geometries = node.path("geometries");
        for (int k = 0; k < geometries.size(); k++) {
          collect(geometries.get(k), path + "geometries[" + k + "].", file, out, holes);
        }
      }
      case "Polygon" -> polygon(node.get("coordinates"), path + "coordinates", file, out, holes);
      case "MultiPolygon" -> {
        JsonNode polys = node.get("coordinates");
        if (polys == null || !polys.isArray()) {
          throw error(file, path + "coordinates", "expected an array of polygons");
        }
        for (int k = 0; k < polys.size(); k++) {
          polygon(polys.get(k), path + "coordinates[" + k + "]", file, out, holes);
        }
      }
      default -> {
        // points and lines have no area: ignored
      }
    }
  }

  private static void polygon(
      JsonNode rings, String path, String file, List<SphericalPolygon> out, int[] holes) {
    if (rings == null || !rings.isArray() || rings.isEmpty()) {
      throw error(file, path, "expected an array of linear rings");
    }
    JsonNode ring = rings.get(0);
    if (!ring.isArray()) {
      throw error(file, path + "[0]", "expected an array of [lon, lat] positions");
    }
    double[] lon = new double[ring.size()];
    double[] lat = new double[ring.size()];
    for (int i = 0; i < ring.size(); i++) {
      JsonNode p = ring.get(i);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw error(file, path + "[0][" + i + "]", "expected [lon, lat], got " + p);
      }
      lon[i] = p.get(0).asDouble();
      lat[i] = p.get(1).asDouble();
    }
    try {
      out.add(SphericalPolygon.of(lon, lat));
    } catch (IllegalArgumentException e) {
      throw error(file, path + "[0]", e.getMessage());
    }
    holes[0] += rings.size() - 1;
  }

  private static IllegalArgumentException error(String file, String path, String message) {
    String where = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    return new IllegalArgumentException(
        "--polygon " + file + (where.isEmpty() ? "" : ": " + where) + ": " + message);
  }
}

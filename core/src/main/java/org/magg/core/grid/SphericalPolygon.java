package org.magg.core.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * A simple polygon on the unit sphere whose edges are great-circle arcs (the shorter arc between
 * consecutive vertices), as NASA CMR's geodetic polygons ({@code GPolygons}).
 *
 * <p><b>Interior.</b> The ring is read as CMR writes it, counter-clockwise: the interior is on the
 * left of the direction of travel. A ring whose left side is larger than a hemisphere is taken to
 * be wound the other way and its smaller side is the interior ({@link #isReversed()} tells). So a
 * polygon may contain a pole (an Antarctic ring around the south pole) and may cross the
 * antimeridian: nothing depends on longitudes once the vertices are unit vectors.
 *
 * <p><b>Containment</b> of a point is decided by the parity of the crossings between the polygon's
 * edges and the arc from the point to a reference point whose side is known: one point just left of
 * the longest edge (inside by construction) and six points near the coordinate axes whose side is
 * derived from it, the nearest one being used so the arc is never close to half a turn. A vertex
 * lying exactly on that arc is counted on one side only (half-open rule).
 *
 * <p>Consecutive duplicate vertices and a closing vertex equal to the first are dropped; at least
 * three distinct vertices are required and consecutive vertices may not be antipodal.
 */
public final class SphericalPolygon extends SphericalRegion {

  /** Offset (radians) of the first reference point to the left of the longest edge's midpoint. */
  private static final double REFERENCE_OFFSET = 1e-8;

  /** Vertices closer than this (radians) are treated as one. */
  private static final double DUPLICATE = 1e-13;

  /** Generic directions near the six axes, chosen so no usual vertex (poles, 0/90/180) is one. */
  private static final double[][] AXES = {
    {1, 0.0123, 0.0271}, {-1, -0.0187, 0.0219}, {0.0311, 1, -0.0143},
    {-0.0159, -1, -0.0233}, {0.0173, -0.0291, 1}, {-0.0241, 0.0137, -1}
  };

  private final int n;
  private final double[] lon;
  private final double[] lat;
  private final double[] v; // vertices, 3n
  private final double[] nrm; // unit normal of edge i (v_i -> v_i+1), 3n
  private final double[] ta; // nrm_i x v_i: points from v_i along the edge
  private final double[] tb; // v_i+1 x nrm_i: points from v_i+1 back along the edge
  private final boolean reversed;
  private final double area;
  private final double[] refs; // reference points, 3m
  private final boolean[] refLeft; // whether each reference point is on the left of the ring

  private SphericalPolygon(double[] lon, double[] lat) {
    this.n = lon.length;
    this.lon = lon;
    this.lat = lat;
    this.v = new double[3 * n];
    for (int i = 0; i < n; i++) {
      Vectors.fromLonLat(lon[i], lat[i], v, 3 * i);
    }
    this.nrm = new double[3 * n];
    this.ta = new double[3 * n];
    this.tb = new double[3 * n];
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      Vectors.cross(v, 3 * i, v, 3 * j, nrm, 3 * i);
      double len = Vectors.normalize(nrm, 3 * i);
      if (!(len > 0) || Vectors.dot(v, 3 * i, v, 3 * j) < 0 && len < 1e-9) {
        throw new IllegalArgumentException(
            "polygon vertices "
                + i
                + " and "
                + j
                + " ("
                + describe(i)
                + ", "
                + describe(j)
                + ") are antipodal: the great-circle edge between them is undefined");
      }
      Vectors.cross(nrm, 3 * i, v, 3 * i, ta, 3 * i);
      Vectors.cross(v, 3 * j, nrm, 3 * i, tb, 3 * i);
    }
    double leftArea = 2 * Math.PI - turningSum();
    this.reversed = leftArea > 2 * Math.PI;
    this.area = reversed ? 4 * Math.PI - leftArea : leftArea;
    List<double[]> refList = new ArrayList<>();
    refList.add(firstReference());
    List<Boolean> leftList = new ArrayList<>();
    leftList.add(true);
    // Axis references: the side of each follows from the parity of crossings from a known one
    // that is at most 120 degrees away (two passes, so every axis finds such a point).
    boolean[] added = new boolean[AXES.length];
    for (int pass = 0; pass < 2; pass++) {
      for (int x = 0; x < AXES.length; x++) {
        double[] a = AXES[x].clone();
        Vectors.normalize(a, 0);
        if (added[x] || nearAnyEdge(a, 1e-9)) {
          continue;
        }
        int best = -1;
        double bestDot = -2;
        for (int k = 0; k < refList.size(); k++) {
          double d = Vectors.dot(refList.get(k), 0, a, 0);
          if (d > bestDot) {
            bestDot = d;
            best = k;
          }
        }
        if (bestDot < -0.5) {
          continue;
        }
        boolean left = leftList.get(best) ^ ((crossings(a, 0, refList.get(best), 0) & 1) == 1);
        refList.add(a);
        leftList.add(left);
        added[x] = true;
      }
    }
    this.refs = new double[3 * refList.size()];
    this.refLeft = new boolean[refList.size()];
    for (int k = 0; k < refList.size(); k++) {
      System.arraycopy(refList.get(k), 0, refs, 3 * k, 3);
      refLeft[k] = leftList.get(k);
    }
  }

  /**
   * Builds a polygon from its ring of vertices in degrees, counter-clockwise (CMR's order); the
   * ring may be closed (last vertex equal to the first) or not.
   *
   * @param lonDeg longitudes in degrees (any finite values)
   * @param latDeg latitudes in degrees, in [-90, 90]
   * @return the polygon
   * @throws IllegalArgumentException if the arrays differ in length, a coordinate is invalid, fewer
   *     than three distinct vertices remain or consecutive vertices are antipodal
   */
  public static SphericalPolygon of(double[] lonDeg, double[] latDeg) {
    if (lonDeg.length != latDeg.length) {
      throw new IllegalArgumentException(
          "polygon has "
              + lonDeg.length
              + " longitudes but "
              + latDeg.length
              + " latitudes; expected one of each per vertex");
    }
    double[] tmp = new double[3];
    double[] prev = null;
    double[] first = null;
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < lonDeg.length; i++) {
      if (!Healpix.isValid(lonDeg[i], latDeg[i])) {
        throw new IllegalArgumentException(
            "polygon vertex "
                + i
                + " is invalid: lon "
                + lonDeg[i]
                + ", lat "
                + latDeg[i]
                + " (expected finite values, lat in [-90, 90])");
      }
      Vectors.fromLonLat(lonDeg[i], latDeg[i], tmp, 0);
      double[] vec = tmp.clone();
      if (prev != null && Vectors.angle(prev, 0, vec, 0) < DUPLICATE) {
        continue;
      }
      if (first == null) {
        first = vec;
      }
      prev = vec;
      kept.add(new double[] {lonDeg[i], latDeg[i]});
    }
    if (kept.size() > 1 && Vectors.angle(prev, 0, first, 0) < DUPLICATE) {
      kept.remove(kept.size() - 1); // closing vertex
    }
    if (kept.size() < 3) {
      throw new IllegalArgumentException(
          "polygon needs at least 3 distinct vertices, got "
              + kept.size()
              + " (from "
              + lonDeg.length
              + " points)");
    }
    double[] lon = new double[kept.size()];
    double[] lat = new double[kept.size()];
    for (int i = 0; i < lon.length; i++) {
      lon[i] = kept.get(i)[0];
      lat[i] = kept.get(i)[1];
    }
    return new SphericalPolygon(lon, lat);
  }

  /** Number of distinct vertices. */
  public int vertexCount() {
    return n;
  }

  /** Area of the interior in steradians (multiply by R^2 for a sphere of radius R). */
  public double area() {
    return area;
  }

  /**
   * Whether the ring was wound clockwise (its left side was larger than a hemisphere), so that the
   * interior is on its right.
   */
  public boolean isReversed() {
    return reversed;
  }

  /**
   * The distinct vertices as {@code {lonDeg, latDeg}} pairs, counter-clockwise around the interior
   * (the input order, or its reverse when {@link #isReversed()}), not closed.
   */
  public double[][] counterClockwise() {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      int k = reversed ? n - 1 - i : i;
      out[i] = new double[] {lon[k], lat[k]};
    }
    return out;
  }

  @Override
  boolean contains(double[] p, int off) {
    int best = 0;
    double bestDot = -2;
    int m = refLeft.length;
    for (int k = 0; k < m; k++) {
      double d = Vectors.dot(refs, 3 * k, p, off);
      if (d > bestDot) {
        bestDot = d;
        best = k;
      }
    }
    boolean left = refLeft[best] ^ ((crossings(p, off, refs, 3 * best) & 1) == 1);
    return left != reversed;
  }

  @Override
  Boundary boundary() {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return new Edges(all, n);
  }

  /** A subset of the edges. */
  private final class Edges implements Boundary {
    private final int[] idx;
    private final int size;

    Edges(int[] idx, int size) {
      this.idx = idx;
      this.size = size;
    }

    @Override
    public Boundary within(double[] p, int off, double radius, double cosR, double sinR) {
      int[] out = null;
      int count = 0;
      for (int k = 0; k < size; k++) {
        int i = idx[k];
        if (edgeWithin(i, p, off, cosR, sinR)) {
          if (out == null) {
            out = new int[size - k];
          }
          out[count++] = i;
        }
      }
      return count == 0 ? null : new Edges(out, count);
    }

    @Override
    public boolean crosses(double[] a, int ia, double[] b, int ib, double[] nab, int inab) {
      for (int k = 0; k < size; k++) {
        int i = idx[k];
        int j = i + 1 == n ? 0 : i + 1;
        if (Vectors.arcsCross(nab, inab, v, 3 * i, v, 3 * j, nrm, 3 * i, a, ia, b, ib)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean crossesOddly(double[] a, int ia, double[] b, int ib) {
      double mx = a[ia + 1] * b[ib + 2] - a[ia + 2] * b[ib + 1];
      double my = a[ia + 2] * b[ib] - a[ia] * b[ib + 2];
      double mz = a[ia] * b[ib + 1] - a[ia + 1] * b[ib];
      boolean odd = false;
      for (int k = 0; k < size; k++) {
        int i = idx[k];
        int j = i + 1 == n ? 0 : i + 1;
        if (crossesHalfOpen(i, j, mx, my, mz, a, ia, b, ib)) {
          odd = !odd;
        }
      }
      return odd;
    }
  }

  @Override
  double[] anchors() {
    return v;
  }

  // ---------------------------------------------------------------------------------------------

  /** Whether edge i comes within the angular distance whose cosine and sine are given. */
  private boolean edgeWithin(int i, double[] p, int off, double cosR, double sinR) {
    int j = i + 1 == n ? 0 : i + 1;
    if (Vectors.dot(v, 3 * i, p, off) >= cosR || Vectors.dot(v, 3 * j, p, off) >= cosR) {
      return true;
    }
    // The nearest point of the great circle lies on the edge iff p is in the edge's lune.
    if (Vectors.dot(ta, 3 * i, p, off) >= 0 && Vectors.dot(tb, 3 * i, p, off) >= 0) {
      return Math.abs(Vectors.dot(nrm, 3 * i, p, off)) <= sinR;
    }
    return false;
  }

  private boolean nearAnyEdge(double[] p, double radius) {
    double c = Math.cos(radius);
    double s = Math.sin(radius);
    for (int i = 0; i < n; i++) {
      if (edgeWithin(i, p, 0, c, s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Number of edges crossed by the arc from {@code p[off]} to {@code ref[ro]}; a vertex on the
   * arc's great circle counts as lying on its positive side.
   */
  private int crossings(double[] p, int off, double[] ref, int ro) {
    double mx = p[off + 1] * ref[ro + 2] - p[off + 2] * ref[ro + 1];
    double my = p[off + 2] * ref[ro] - p[off] * ref[ro + 2];
    double mz = p[off] * ref[ro + 1] - p[off + 1] * ref[ro];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (crossesHalfOpen(i, i + 1 == n ? 0 : i + 1, mx, my, mz, p, off, ref, ro)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Whether edge {@code i -> j} crosses the arc {@code p -> q} whose (unnormalised) normal is
   * {@code m}: the edge's endpoints lie on opposite sides of the arc's great circle (a vertex on it
   * counting as positive) and {@code p} and {@code q} on the sides of the edge's great circle that
   * put the crossing on both arcs (see {@link Vectors#arcsCross}).
   */
  private boolean crossesHalfOpen(
      int i, int j, double mx, double my, double mz, double[] p, int po, double[] q, int qo) {
    boolean sideI = mx * v[3 * i] + my * v[3 * i + 1] + mz * v[3 * i + 2] >= 0;
    boolean sideJ = mx * v[3 * j] + my * v[3 * j + 1] + mz * v[3 * j + 2] >= 0;
    if (sideI == sideJ) {
      return false;
    }
    double abp = Vectors.dot(nrm, 3 * i, p, po);
    double abq = Vectors.dot(nrm, 3 * i, q, qo);
    return sideJ ? (abp > 0 && abq < 0) : (abp < 0 && abq > 0);
  }

  /** Sum of the signed turning angles at the vertices (left turns positive). */
  private double turningSum() {
    double sum = 0;
    double[] tin = new double[3];
    double[] tout = new double[3];
    double[] c = new double[3];
    for (int i = 0; i < n; i++) {
      int h = (i + n - 1) % n;
      Vectors.cross(nrm, 3 * h, v, 3 * i, tin, 0); // direction of travel arriving at v_i
      Vectors.cross(nrm, 3 * i, v, 3 * i, tout, 0); // direction of travel leaving v_i
      Vectors.cross(tin, 0, tout, 0, c, 0);
      sum += Math.atan2(Vectors.dot(c, 0, v, 3 * i), Vectors.dot(tin, 0, tout, 0));
    }
    return sum;
  }

  /** A point just left of the longest edge for which no other edge is nearby. */
  private double[] firstReference() {
    Integer[] order = new Integer[n];
    double[] len = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      len[i] = Vectors.angle(v, 3 * i, v, 3 * ((i + 1) % n));
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(len[y], len[x]));
    for (int i : order) {
      int j = (i + 1) % n;
      double[] r = new double[3];
      for (int c = 0; c < 3; c++) {
        r[c] = v[3 * i + c] + v[3 * j + c];
      }
      Vectors.normalize(r, 0);
      for (int c = 0; c < 3; c++) {
        r[c] += REFERENCE_OFFSET * nrm[3 * i + c];
      }
      Vectors.normalize(r, 0);
      if (!(Vectors.dot(nrm, 3 * i, r, 0) > 0)) {
        continue;
      }
      boolean clear = true;
      double c = Math.cos(4 * REFERENCE_OFFSET);
      double s = Math.sin(4 * REFERENCE_OFFSET);
      for (int k = 0; k < n && clear; k++) {
        if (k != i && edgeWithin(k, r, 0, c, s)) {
          clear = false;
        }
      }
      if (clear) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "polygon with " + n + " vertices is degenerate: every edge has another edge next to it");
  }

  private String describe(int i) {
    return "lon " + lon[i] + ", lat " + lat[i];
  }

  @Override
  public String toString() {
    return "SphericalPolygon{"
        + n
        + " vertices, area "
        + area
        + " sr"
        + (reversed ? ", reversed" : "")
        + "}";
  }
}

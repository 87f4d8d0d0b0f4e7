package org.magg.core.grid;

import java.util.Arrays;

/**
 * The HEALPix NESTED cells of one order that intersect a {@link SphericalRegion}: the parent cells
 * a granule footprint or an area of interest touches.
 *
 * <p><b>Candidates</b> are found hierarchically from the 12 base cells. Each cell is enclosed in a
 * bounding cap: centred on the cell centre, with the largest distance from it to the cell's
 * vertices and edge midpoints, enlarged by 1% (the tests check against densely sampled boundaries
 * that no boundary point of any cell of orders 0 to 5, and of sampled cells down to order 12, lies
 * outside). A cell whose cap holds no part of the region's boundary is either disjoint from the
 * region (its centre is outside: the whole subtree is skipped) or inside it (its centre is inside:
 * every descendant is taken without further tests); otherwise its four children are examined, down
 * to the requested order. Each cell only looks at the boundary parts its parent found within twice
 * the parent's cap, and the side of its centre follows from its parent's by counting crossings, so
 * the work per cell does not grow with the number of polygon vertices.
 *
 * <p><b>The test at the requested order</b>: a cell intersects the region if its centre is inside
 * the region, or a point of the region (a polygon vertex, a box corner) lies in the cell (exact, by
 * hashing), or the cell's boundary crosses the region's boundary. Cell edges are not great circles
 * (they are straight only in the HEALPix projection plane), so each edge is cut into pieces that
 * are halved until the great-circle arc between a piece's ends passes within the tolerance ({@link
 * #DEFAULT_TOLERANCE}, about 0.64 m on the Earth) of the piece's midpoint on the true edge; the
 * arcs are tested exactly against the region's boundary (great-circle arcs for polygons, meridians
 * and parallels for boxes). Only a region that enters a cell, or passes by it, by less than about
 * the tolerance can be decided differently from an exact computation. Pieces must be short near the
 * poles, where cell edges curve most: with a fixed 32 points per edge (mortie's {@code
 * mort2polygon(step=32)}) the arcs stray up to 20 m from order-6 edges there, 0.05 m at the
 * equator.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CellCoverage {

  /**
   * Default largest distance, in radians, between a cell's true boundary and the great-circle arcs
   * that stand for it: 1e-7, about 0.64 m on the Earth.
   */
  public static final double DEFAULT_TOLERANCE = 1e-7;

  /** Pieces per cell edge before refinement. */
  private static final int INITIAL_SEGMENTS = 4;

  /** Halvings of a piece at most (so at most 4 * 2^12 arcs per edge). */
  private static final int MAX_DEPTH = 13;

  /** Enlargement of the vertex-and-midpoint radius of a cell's bounding cap. */
  static final double CAP_MARGIN = 1.01;

  private final int order;
  private final double tolerance;

  private CellCoverage(int order, double tolerance) {
    Healpix.checkOrder(order);
    if (!(tolerance >= 1e-12 && tolerance <= 1e-2)) {
      throw new IllegalArgumentException(
          "tolerance must be in [1e-12, 1e-2] radians, got " + tolerance);
    }
    this.order = order;
    this.tolerance = tolerance;
  }

  /** Coverage at {@code order} (0..29) with the {@link #DEFAULT_TOLERANCE}. */
  public static CellCoverage atOrder(int order) {
    return new CellCoverage(order, DEFAULT_TOLERANCE);
  }

  /**
   * The same coverage with another tolerance (radians, 1e-12 to 1e-2): the largest distance between
   * a cell edge and the arcs that replace it.
   */
  public CellCoverage withTolerance(double tolerance) {
    return new CellCoverage(order, tolerance);
  }

  public int order() {
    return order;
  }

  public double tolerance() {
    return tolerance;
  }

  /**
   * Returns the nested indices, at {@link #order()}, of the cells that intersect the region, in
   * ascending order.
   */
  public long[] cells(SphericalRegion region) {
    Walk walk = new Walk(region, anchorCells(region));
    for (int base = 0; base < Healpix.BASE_CELLS; base++) {
      walk.visit(0, base, null, false, null, 0);
    }
    return Arrays.copyOf(walk.out, walk.size);
  }

  /** Returns whether the cell {@code nested} (at {@link #order()}) intersects the region. */
  public boolean intersects(SphericalRegion region, long nested) {
    return tester(region).test(nested);
  }

  /**
   * A reusable, thread-safe test of single cells (at {@link #order()}) against one region, for
   * testing many cells: the region's points are hashed once.
   */
  public java.util.function.LongPredicate tester(SphericalRegion region) {
    long[] anchorCells = anchorCells(region);
    return nested -> {
      CellBoundary.checkCell(order, nested);
      double[] cap = new double[6];
      cap(order, nested, cap);
      if (region.contains(cap, 0)) {
        return true;
      }
      SphericalRegion.Boundary near = region.boundary().within(cap, 0, cap[3], cap[4], cap[5]);
      return near != null && new Walk(region, anchorCells).intersectsAtOrder(nested, near);
    };
  }

  /** The cells, at this order, of the region's anchor points, sorted. */
  private long[] anchorCells(SphericalRegion region) {
    double[] anchors = region.anchors();
    long[] cells = new long[anchors.length / 3];
    for (int k = 0; k < cells.length; k++) {
      cells[k] =
          Healpix.hashUnchecked(
              order, Vectors.lonDeg(anchors, 3 * k), Vectors.latDeg(anchors, 3 * k));
    }
    Arrays.sort(cells);
    return cells;
  }

  /**
   * Writes the bounding cap of a cell: centre {@code out[0..2]}, radius {@code out[3]} (radians),
   * its cosine {@code out[4]} and sine {@code out[5]}.
   */
  static void cap(int order, long nested, double[] out) {
    double[] plane = CellBoundary.planeCenter(order, nested);
    CellBoundary.unproject(plane[0], plane[1], out, 0);
    double half = 1.0 / (1L << order);
    double[] p = new double[3];
    double maxAngle = 0;
    for (int k = 0; k < 8; k++) {
      // vertices S, E, N, W and the midpoints of the edges between them
      double dx;
      double dy;
      switch (k) {
        case 0 -> {
          dx = 0;
          dy = -1;
        }
        case 1 -> {
          dx = 1;
          dy = 0;
        }
        case 2 -> {
          dx = 0;
          dy = 1;
        }
        case 3 -> {
          dx = -1;
          dy = 0;
        }
        case 4 -> {
          dx = 0.5;
          dy = -0.5;
        }
        case 5 -> {
          dx = 0.5;
          dy = 0.5;
        }
        case 6 -> {
          dx = -0.5;
          dy = 0.5;
        }
        default -> {
          dx = -0.5;
          dy = -0.5;
        }
      }
      CellBoundary.unproject(plane[0] + dx * half, plane[1] + dy * half, p, 0);
      maxAngle = Math.max(maxAngle, Vectors.angle(out, 0, p, 0));
    }
    double r = Math.min(maxAngle * CAP_MARGIN + 1e-12, 0.49 * Math.PI);
    out[3] = r;
    out[4] = Math.cos(r);
    out[5] = Math.sin(r);
  }

  /** One traversal: the region, its anchor cells and the output buffer. */
  private final class Walk {
    final SphericalRegion region;
    final long[] anchorCells;
    final double[][] buffers = new double[MAX_DEPTH][6];
    long[] out = new long[64];
    int size;

    Walk(SphericalRegion region, long[] anchorCells) {
      this.region = region;
      this.anchorCells = anchorCells;
    }

    /**
     * Examines a cell whose parent has centre {@code parent} (inside the region or not: {@code
     * parentInside}) and whose parent's boundary parts within {@code parentReach} of that centre
     * are {@code parentParts} ({@code null}: none); at order 0 there is no parent.
     */
    void visit(
        int k,
        long cell,
        double[] parent,
        boolean parentInside,
        SphericalRegion.Boundary parentParts,
        double parentReach) {
      double[] cap = new double[6];
      cap(k, cell, cap);
      double reach = Math.min(2 * cap[3], 0.49 * Math.PI);
      SphericalRegion.Boundary parts;
      boolean inside;
      if (parent == null || Vectors.angle(parent, 0, cap, 0) + reach > parentReach) {
        parts = region.boundary().within(cap, 0, reach, Math.cos(reach), Math.sin(reach));
        inside = region.contains(cap, 0);
      } else {
        // This cap (and twice it) lies inside the parent's reach: the parent's parts suffice, and
        // the side of the centre follows from the parity of crossings from the parent's centre.
        parts =
            parentParts == null
                ? null
                : parentParts.within(cap, 0, reach, Math.cos(reach), Math.sin(reach));
        inside =
            parentParts == null
                ? parentInside
                : parentInside ^ parentParts.crossesOddly(parent, 0, cap, 0);
      }
      SphericalRegion.Boundary near =
          parts == null ? null : parts.within(cap, 0, cap[3], cap[4], cap[5]);
      if (near == null) {
        if (inside) {
          addDescendants(k, cell);
        }
        return;
      }
      if (k == order) {
        if (inside || intersectsAtOrder(cell, near)) {
          add(cell);
        }
        return;
      }
      for (int c = 0; c < 4; c++) {
        visit(k + 1, (cell << 2) | c, cap, inside, parts, reach);
      }
    }

    /** The cell's centre is outside: a region point in the cell, or crossing boundaries. */
    boolean intersectsAtOrder(long cell, SphericalRegion.Boundary near) {
      if (Arrays.binarySearch(anchorCells, cell) >= 0) {
        return true;
      }
      double[] plane = CellBoundary.planeCenter(order, cell);
      double half = 1.0 / (1L << order);
      CellBoundary.Vertex[] vs = CellBoundary.Vertex.values();
      double[] start = new double[3];
      double[] end = new double[3];
      for (int e = 0; e < 4; e++) {
        CellBoundary.Vertex from = vs[e];
        CellBoundary.Vertex to = vs[(e + 1) & 3];
        double x0 = plane[0] + from.dx * half;
        double y0 = plane[1] + from.dy * half;
        double dx = (to.dx - from.dx) * half / INITIAL_SEGMENTS;
        double dy = (to.dy - from.dy) * half / INITIAL_SEGMENTS;
        CellBoundary.unproject(x0, y0, start, 0);
        for (int k = 1; k <= INITIAL_SEGMENTS; k++) {
          double x1 = x0 + k * dx;
          double y1 = y0 + k * dy;
          CellBoundary.unproject(x1, y1, end, 0);
          if (segmentCrosses(x1 - dx, y1 - dy, start, 0, x1, y1, end, 0, near, 0)) {
            return true;
          }
          System.arraycopy(end, 0, start, 0, 3);
        }
      }
      return false;
    }

    /**
     * Whether the piece of cell edge between plane points {@code (x0, y0)} and {@code (x1, y1)}
     * (whose points on the sphere are {@code p0}, {@code p1}) crosses the boundary: the piece is
     * replaced by the great-circle arc between its ends once its midpoint is within the tolerance
     * of that arc, and halved otherwise.
     */
    boolean segmentCrosses(
        double x0,
        double y0,
        double[] p0,
        int o0,
        double x1,
        double y1,
        double[] p1,
        int o1,
        SphericalRegion.Boundary near,
        int depth) {
      double[] buf = buffers[depth];
      double xm = 0.5 * (x0 + x1);
      double ym = 0.5 * (y0 + y1);
      CellBoundary.unproject(xm, ym, buf, 0); // midpoint on the true edge
      Vectors.cross(p0, o0, p1, o1, buf, 3);
      Vectors.normalize(buf, 3);
      if (depth + 1 < buffers.length && Math.abs(Vectors.dot(buf, 3, buf, 0)) > tolerance) {
        return segmentCrosses(x0, y0, p0, o0, xm, ym, buf, 0, near, depth + 1)
            || segmentCrosses(xm, ym, buf, 0, x1, y1, p1, o1, near, depth + 1);
      }
      return near.crosses(p0, o0, p1, o1, buf, 3);
    }

    void addDescendants(int k, long cell) {
      int shift = 2 * (order - k);
      long first = cell << shift;
      long count = 1L << shift;
      for (long c = 0; c < count; c++) {
        add(first + c);
      }
    }

    void add(long cell) {
      if (size == out.length) {
        out = Arrays.copyOf(out, 2 * size);
      }
      out[size++] = cell;
    }
  }
}

package org.magg.io.engine;

/**
 * Whether the cube holds a variable over a time range at a fine enough resolution, and if not why.
 *
 * @param satisfied whether every tile is present and fine enough
 * @param tilesExpected the tiles the range covers
 * @param tilesMissing the tiles never written
 * @param tilesTooCoarse the tiles written at a native resolution the spec does not accept
 * @param reason empty when satisfied; else what is missing, naming the first such tile
 */
public record Satisfaction(
    boolean satisfied, int tilesExpected, int tilesMissing, int tilesTooCoarse, String reason) {}

package org.magg.io.engine;

/**
 * What one {@link Cube#write} did.
 *
 * @param variable the variable written
 * @param tilesWritten the tiles merged and written
 * @param tilesChanged those whose content changed (their version went up)
 * @param variableVersion the variable's version afterwards
 */
public record TileWrite(
    String variable, int tilesWritten, int tilesChanged, long variableVersion) {}

package org.magg.pipelines.engine;

import java.io.Serializable;
import org.magg.core.engine.Field;

/**
 * One tile of one output of a producer call, on its way to the tile's writer.
 *
 * @param producer the producer that made it
 * @param field the values over exactly one tile, every timestep the call covered
 */
record TileOutput(String producer, Field field) implements Serializable {}

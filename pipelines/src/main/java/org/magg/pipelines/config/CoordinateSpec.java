package org.magg.pipelines.config;

import java.io.Serializable;

/**
 * A coordinate array of the output ({@code cell_ids} or {@code morton}).
 *
 * @param name coordinate name
 * @param dtype stored data type
 * @param fillValue stored fill value
 */
public record CoordinateSpec(String name, String dtype, double fillValue) implements Serializable {}

package org.magg.pipelines.config;

import java.io.Serializable;

/**
 * The output grid.
 *
 * @param type grid type; only {@code healpix}
 * @param indexingScheme HEALPix indexing scheme; only {@code nested}
 * @param childOrder order of the cells statistics are computed for
 * @param parentOrder order of the catalog's parent cells when the catalog does not say; may be null
 */
public record GridConfig(String type, String indexingScheme, int childOrder, Integer parentOrder)
    implements Serializable {}

/**
 * The engine's value model, shared by the cube (in {@code org.magg.io.engine}) and the producers
 * (in {@code org.magg.transforms.engine}): variables ({@link org.magg.core.engine.VarSpec}, {@link
 * org.magg.core.engine.MergePolicy}), what producers read ({@link org.magg.core.engine.DataNeed},
 * {@link org.magg.core.engine.DataAdapter}), how they may run ({@link
 * org.magg.core.engine.ProducerCapabilities}, {@link org.magg.core.engine.RetryPolicy}), the grid
 * ({@link org.magg.core.engine.CubeGrid}, {@link org.magg.core.engine.Region}) and values over it
 * ({@link org.magg.core.engine.Field}), and the staleness rule ({@link
 * org.magg.core.engine.Staleness}). No Beam, no I/O.
 */
package org.magg.core.engine;

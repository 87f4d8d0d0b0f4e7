/**
 * magg-beam: Earth-science aggregation pipelines on Apache Beam.
 *
 * <p>Packages: {@code config} (config records, loading, validation), {@code grid} (HEALPix and
 * Morton cell indexing), {@code io} (Beam IOs and format readers/writers), {@code transforms}
 * (PTransforms, DoFns, CombineFns), {@code pipelines} (assembled pipelines and the {@code Magg}
 * API), {@code historical} (per-day REACH CSV to CDF processing with telemetry), {@code runners}
 * (runner selection), {@code cli} (the {@code magg} command line).
 */
package org.magg;

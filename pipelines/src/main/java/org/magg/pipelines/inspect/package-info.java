/**
 * What {@code magg inspect} reports about an output, local or on S3: {@link
 * org.magg.pipelines.inspect.OutputKind#detect} tells a Zarr store, a CDF file, an event output
 * directory, a temporal output directory, an engine cube root and a DA run directory apart; {@link
 * org.magg.pipelines.inspect.Inspector#inspect} describes it as text for people and JSON for
 * machines ({@link org.magg.pipelines.inspect.Inspection}). Values are read chunk by chunk (Zarr)
 * or record by record (CDF), so memory stays bounded by one chunk or record.
 */
package org.magg.pipelines.inspect;

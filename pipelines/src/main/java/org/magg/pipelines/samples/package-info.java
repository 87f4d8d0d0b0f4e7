/**
 * Generated inputs for the quick start, tests and benchmarks ({@code magg sample}): ATL06-layout
 * granules and catalog, MERRA-2-shaped fields and static data, and synthetic moving-ellipse events.
 */
package org.magg.pipelines.samples;

/**
 * The event pipeline ({@code pipeline.type: event}): {@link org.magg.pipelines.event.EventPipeline}
 * plans (detection collection, grid, static data and threshold fields), builds the batch or
 * streaming graph (fields -> objects per timestep -> events tracked in time -> catalog, lifecycle
 * and track tables, masks, and with an aggregation the temporal metrics over the detected events)
 * and runs; {@link org.magg.pipelines.event.EventRunOptions} and {@link
 * org.magg.pipelines.event.EventSummary} are its options and result.
 */
package org.magg.pipelines.event;

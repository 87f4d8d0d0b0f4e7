/**
 * {@code magg plot}: PNG quick-looks of outputs, drawn headless. {@link
 * org.magg.pipelines.plot.Plotter#plot} draws a spatial cell store as a map of HEALPix cell
 * polygons (polar stereographic when every cell is poleward of 60 degrees, equirectangular
 * otherwise) with a colour bar; an event output as footprints and tracks on a map over per-event
 * metric bars; a DA run as RMSE over time. Maps are drawn with Java2D, charts with JFreeChart.
 */
package org.magg.pipelines.plot;

/**
 * Event detection and tracking in gridded fields: {@link org.magg.transforms.event.ObjectDetector}
 * labels the connected objects of each timestep's mask (4- or 8-connectivity, longitude wrapping on
 * a global {@link org.magg.transforms.event.DetectionGrid}, minimum cells and area) and measures
 * them (area, centroid, maximum); {@link org.magg.transforms.event.EventTracker} links the objects
 * of consecutive timesteps by overlap into {@link org.magg.transforms.event.TrackedEvent}s,
 * recording merges, splits and gaps, with deterministic ids and tie-breaks. Each event gives its
 * {@link org.magg.transforms.event.LifecycleRow}, its {@link org.magg.transforms.event.TrackRow}s
 * and its event-catalog {@link org.magg.io.temporal.Event}. In Beam, {@link
 * org.magg.transforms.event.DetectObjects} detects each field timestep in parallel and {@link
 * org.magg.transforms.event.TrackEvents} tracks them in time order, in batch or, watermark-driven,
 * in streaming, with the same result.
 */
package org.magg.transforms.event;

/**
 * The engine's producers and planning: the {@link org.magg.transforms.engine.Producer} contract
 * (extract, compute, update into the {@link org.magg.io.engine.Cube}), external models as producers
 * ({@link org.magg.transforms.engine.ModelAdapter}: stage inputs, run, parse outputs; {@link
 * org.magg.transforms.engine.ExternalProducer}, whose usual model is a program run as a separate
 * process exchanging NetCDF classic files, failing with {@link
 * org.magg.transforms.engine.ExternalModelException}), and the {@link
 * org.magg.transforms.engine.DependencyResolver} that turns producers and target variables into a
 * {@link org.magg.transforms.engine.ResolutionPlan} of layers; and the producers configs build:
 * {@link org.magg.transforms.engine.FileProducer} and {@link
 * org.magg.transforms.engine.ExpressionProducer}. Plans run on Beam in {@code
 * org.magg.pipelines.engine}.
 */
package org.magg.transforms.engine;

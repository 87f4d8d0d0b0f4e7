/**
 * The engine's producers and planning: the {@link org.magg.transforms.engine.Producer} contract
 * (extract, compute, update into the {@link org.magg.io.engine.Cube}) and the {@link
 * org.magg.transforms.engine.DependencyResolver} that turns producers and target variables into a
 * {@link org.magg.transforms.engine.ResolutionPlan} of layers; and the producers configs build:
 * {@link org.magg.transforms.engine.FileProducer} and {@link
 * org.magg.transforms.engine.ExpressionProducer}. Plans run on Beam in {@code
 * org.magg.pipelines.engine}.
 */
package org.magg.transforms.engine;

package org.magg.transforms.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.magg.core.engine.Field;

/**
 * An external model as the engine sees it, in three steps per call: {@link #stageInputs} writes the
 * inputs into a fresh directory, {@link #runModel} runs the model on them and says where its
 * outputs are, {@link #parseOutputs} reads them back. {@link ExternalProducer} makes a {@link
 * Producer} of it; {@link ExternalProducer#command} builds the usual one, a program run as a
 * separate process exchanging NetCDF classic files.
 *
 * <p>A step that fails throws; an {@link ExternalModelException} is a failed attempt that the
 * producer's retry policy may repeat.
 */
public interface ModelAdapter {

  /**
   * Writes {@code inputs} (by need name, each over the request's read region) for one call into
   * {@code stageDir}, a fresh empty directory.
   */
  void stageInputs(Map<String, Field> inputs, ProducerRequest request, Path stageDir)
      throws IOException;

  /** Runs the model on what {@link #stageInputs} wrote and returns the directory of its outputs. */
  Path runModel(Path stageDir, ProducerRequest request)
      throws IOException, InterruptedException, ExternalModelException;

  /**
   * Reads the outputs from {@code outputDir}: by produced variable name, each over exactly {@code
   * request.region()}.
   */
  Map<String, Field> parseOutputs(Path outputDir, ProducerRequest request)
      throws IOException, ExternalModelException;

  /**
   * What, besides its inputs, decides the model's outputs (plain values: maps, lists, strings,
   * numbers); part of the producer's {@link Producer#configuration}. Empty by default.
   */
  default Map<String, Object> configuration() {
    return Map.of();
  }
}

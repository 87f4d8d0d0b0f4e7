package org.magg.transforms.engine;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.RetryPolicy;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.TileWrite;

/**
 * Something that makes variables of the cube: a data source, an expression, a model. It declares
 * what it reads ({@link #needs}) and makes ({@link #produces}); a call runs {@link #extract} (read
 * the needs from the cube over the request's region and halo), {@link #compute} (the producer's own
 * work) and {@link #update} (check that exactly the declared outputs came back, over exactly the
 * request's region, and merge them into the cube by each variable's policy).
 *
 * <p>Only {@link #compute} is the producer's to write; the others have the engine's behaviour by
 * default, and {@link #update} should not be overridden.
 */
public interface Producer {

  /** The producer's name (unique in a run; used in messages, the catalog and lineage). */
  String name();

  /** The variables it reads. */
  DataAdapter needs();

  /** The variables it makes. */
  List<VarSpec> produces();

  /** How it may be run; by default the whole grid in one call. */
  default ProducerCapabilities capabilities() {
    return ProducerCapabilities.defaults();
  }

  /** How often a call is attempted; by default once. */
  default RetryPolicy retryPolicy() {
    return RetryPolicy.once();
  }

  /**
   * Its configuration as plain values (maps, lists, strings, numbers): what, besides its inputs,
   * decides its outputs. Its canonical JSON's hash is compared between runs; empty by default.
   */
  default Map<String, Object> configuration() {
    return Map.of();
  }

  /**
   * The local files (or directories, such as Zarr stores) it reads besides the cube, as paths:
   * their content (SHA-256) is part of what decides whether it must run again. None by default.
   */
  default List<String> files() {
    return List.of();
  }

  /**
   * The local file (or directory) holding the content of {@code file}, one of {@link #files()}: the
   * path itself by default; a producer reading remote objects returns its local copy.
   */
  default java.nio.file.Path localCopy(String file) throws IOException {
    return java.nio.file.Path.of(file);
  }

  /**
   * Reads every need over the request's {@link ProducerRequest#readRegion read region}. An optional
   * need the cube does not hold is left out.
   */
  default Map<String, Field> extract(Cube cube, ProducerRequest request) throws IOException {
    Map<String, Field> in = new LinkedHashMap<>();
    for (DataNeed need : needs().needs()) {
      if (!need.required() && !cube.variables().containsKey(need.name())) {
        continue;
      }
      in.put(need.name(), cube.read(need.name(), request.readRegion()));
    }
    return in;
  }

  /**
   * The producer's work: from the inputs (by need name), the outputs (by produced variable name),
   * each over exactly {@code request.region()}.
   */
  Map<String, Field> compute(Map<String, Field> inputs, ProducerRequest request) throws Exception;

  /**
   * Checks the outputs against the declaration and writes them into the cube, merged by policy,
   * recording this producer as their source.
   *
   * @throws IllegalStateException naming the producer and the output when an output is missing,
   *     undeclared, of the wrong kind or over the wrong region (nothing is written then)
   */
  default List<TileWrite> update(Cube cube, ProducerRequest request, Map<String, Field> outputs)
      throws IOException {
    return ProducerOutputs.write(this, cube, request, outputs);
  }

  /**
   * {@link #extract} and {@link #compute}, with the outputs checked as {@link #update} checks them,
   * but not written: for an engine that writes each tile from one place.
   *
   * @throws IllegalStateException as {@link #update} when the outputs are not the declared ones
   */
  default Map<String, Field> produce(Cube cube, ProducerRequest request) throws Exception {
    Map<String, Field> outputs = compute(extract(cube, request), request);
    ProducerOutputs.check(this, request, outputs);
    return outputs;
  }

  /** {@link #extract}, {@link #compute}, {@link #update}: one call. */
  default List<TileWrite> run(Cube cube, ProducerRequest request) throws Exception {
    return update(cube, request, compute(extract(cube, request), request));
  }
}

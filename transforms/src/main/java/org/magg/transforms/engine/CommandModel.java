package org.magg.transforms.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.Json;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Field;
import org.magg.core.engine.Region;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.ExchangeFile;

/**
 * The usual {@link ModelAdapter}: a program run as a separate process ({@link ModelProcess}) that
 * reads {@code <inputs>/<need>.nc} and writes {@code <outputs>/<produced>.nc}, all in the {@link
 * ExchangeFile} form, plus {@code <inputs>/request.json} describing the call.
 */
final class CommandModel implements ModelAdapter, Serializable {
  private static final long serialVersionUID = 1L;

  /** The file in the input directory that describes the call. */
  static final String REQUEST_FILE = "request.json";

  private final String producer;
  private final DataAdapter needs;
  private final List<VarSpec> produces;
  private final ExternalCommand command;

  CommandModel(
      String producer, DataAdapter needs, List<VarSpec> produces, ExternalCommand command) {
    this.producer = producer;
    this.needs = needs;
    this.produces = List.copyOf(produces);
    this.command = command;
  }

  static Path inputs(Path stageDir) {
    return stageDir.resolve("inputs");
  }

  static Path outputs(Path stageDir) {
    return stageDir.resolve("outputs");
  }

  @Override
  public void stageInputs(Map<String, Field> inputs, ProducerRequest request, Path stageDir)
      throws IOException {
    Path dir = Files.createDirectories(inputs(stageDir));
    for (DataNeed need : needs.needs()) {
      Field f = inputs.get(need.name());
      if (f != null) {
        ExchangeFile.write(ExchangeFile.of(dir, need.name()), f, need.units(), request.grid());
      }
    }
    Json.pretty().writeValue(dir.resolve(REQUEST_FILE).toFile(), describe(inputs, request));
  }

  /** What {@code request.json} holds. */
  private Map<String, Object> describe(Map<String, Field> inputs, ProducerRequest request) {
    Region r = request.region();
    Region read = request.readRegion();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("producer", producer);
    d.put("run_id", request.runId());
    d.put("halo_cells", request.haloCells());
    d.put("region", ranges(r));
    d.put("read_region", ranges(read));
    d.put(
        "cut",
        Map.of(
            "lat", List.of(r.lat0() - read.lat0(), r.nLat()),
            "lon", List.of(r.lon0() - read.lon0(), r.nLon())));
    d.put("inputs", List.copyOf(inputs.keySet()));
    Map<String, Object> outs = new LinkedHashMap<>();
    for (VarSpec s : produces) {
      outs.put(s.name(), ExchangeFile.dims(s.kind()));
    }
    d.put("outputs", outs);
    return d;
  }

  private static Map<String, Object> ranges(Region r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", List.of(r.t0(), r.t1()));
    m.put("lat", List.of(r.lat0(), r.lat1()));
    m.put("lon", List.of(r.lon0(), r.lon1()));
    return m;
  }

  @Override
  public Path runModel(Path stageDir, ProducerRequest request)
      throws IOException, InterruptedException, ExternalModelException {
    Path out = Files.createDirectories(outputs(stageDir));
    ModelProcess.run(
        producer,
        "run " + request.runId() + " region " + request.region(),
        command.resolve(inputs(stageDir), out),
        command.timeout(),
        command.workingDirectory(),
        command.runLog(request.runId()));
    return out;
  }

  @Override
  public Map<String, Field> parseOutputs(Path outputDir, ProducerRequest request)
      throws ExternalModelException {
    Map<String, Field> out = new LinkedHashMap<>();
    for (VarSpec s : produces) {
      Path file = ExchangeFile.of(outputDir, s.name());
      String expected =
          "'"
              + s.name()
              + "' with dimensions "
              + ExchangeFile.dims(s.kind())
              + " over "
              + request.region();
      if (!Files.isRegularFile(file)) {
        throw new ExternalModelException(
            ExternalModelException.Kind.OUTPUT,
            "producer '"
                + producer
                + "' did not write "
                + file
                + " (expected "
                + expected
                + "); its output is in "
                + command.runLog(request.runId()).toAbsolutePath(),
            command.runLog(request.runId()),
            null);
      }
      try {
        out.put(
            s.name(),
            ExchangeFile.read(file, s.name(), s.kind(), request.region(), request.grid()));
      } catch (IOException | RuntimeException e) {
        throw new ExternalModelException(
            ExternalModelException.Kind.OUTPUT,
            "producer '"
                + producer
                + "' wrote an unusable output (expected "
                + expected
                + "): "
                + e.getMessage(),
            command.runLog(request.runId()),
            e);
      }
    }
    return out;
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("command", command.command());
    c.put("timeout", command.timeout().toString());
    return c;
  }
}

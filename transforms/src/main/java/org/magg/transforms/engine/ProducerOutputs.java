package org.magg.transforms.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.magg.core.engine.Field;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.TileWrite;

/** The one check of what a producer returned, and the write of it into the cube. */
final class ProducerOutputs {
  private ProducerOutputs() {}

  static List<TileWrite> write(
      Producer producer, Cube cube, ProducerRequest request, Map<String, Field> outputs)
      throws IOException {
    check(producer, request, outputs);
    List<TileWrite> writes = new ArrayList<>();
    for (VarSpec spec : producer.produces()) {
      writes.add(cube.write(outputs.get(spec.name()), producer.name(), request.runId()));
    }
    return writes;
  }

  static void check(Producer producer, ProducerRequest request, Map<String, Field> outputs) {
    String who = "producer '" + producer.name() + "'";
    if (outputs == null) {
      throw new IllegalStateException(who + " returned no outputs");
    }
    TreeSet<String> declared = new TreeSet<>();
    for (VarSpec s : producer.produces()) {
      declared.add(s.name());
    }
    TreeSet<String> missing = new TreeSet<>(declared);
    missing.removeAll(outputs.keySet());
    TreeSet<String> extra = new TreeSet<>(outputs.keySet());
    extra.removeAll(declared);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new IllegalStateException(
          who
              + " must return exactly "
              + declared
              + (missing.isEmpty() ? "" : "; missing " + missing)
              + (extra.isEmpty() ? "" : "; not declared " + extra));
    }
    for (VarSpec s : producer.produces()) {
      Field f = outputs.get(s.name());
      if (f == null) {
        throw new IllegalStateException(who + " returned null for '" + s.name() + "'");
      }
      if (!f.variable().equals(s.name()) || f.kind() != s.kind()) {
        throw new IllegalStateException(
            who
                + " returned "
                + f.kind().id()
                + " field '"
                + f.variable()
                + "' as '"
                + s.name()
                + "', which is declared "
                + s.kind().id());
      }
      if (!f.region().equals(request.region())) {
        throw new IllegalStateException(
            who
                + " returned '"
                + s.name()
                + "' over "
                + f.region()
                + " but was asked for "
                + request.region());
      }
    }
  }
}

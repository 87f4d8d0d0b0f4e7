package org.magg.transforms.engine;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;

/** A producer for tests: its needs, outputs and capabilities as given, its work a function. */
record ToyProducer(
    String name,
    DataAdapter needs,
    List<VarSpec> produces,
    ProducerCapabilities capabilities,
    BiFunction<Map<String, Field>, ProducerRequest, Map<String, Field>> work)
    implements Producer {

  /** Time variables {@code needs} -> {@code makes}, float32, no merge policy; computes nothing. */
  static ToyProducer of(String name, List<String> needs, List<String> makes) {
    return new ToyProducer(
        name,
        new DataAdapter(needs.stream().map(n -> DataNeed.of(n, VarKind.TIME)).toList()),
        makes.stream().map(m -> VarSpec.of(m, VarKind.TIME, VarDtype.FLOAT32, "1")).toList(),
        ProducerCapabilities.defaults(),
        (in, req) -> {
          throw new UnsupportedOperationException("not run");
        });
  }

  @Override
  public Map<String, Field> compute(Map<String, Field> inputs, ProducerRequest request) {
    return work.apply(inputs, request);
  }
}

package org.magg.pipelines.engine;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.transforms.engine.Producer;

/**
 * The graph of one layer: its producer calls spread over the workers, each run with retries ({@link
 * ComputeFn}), the outputs grouped by variable and tile so that each tile has exactly one writer
 * ({@link WriteTilesFn}).
 */
final class EngineGraph {
  private EngineGraph() {}

  /**
   * What a layer's graph returns.
   *
   * @param calls one outcome per call
   * @param writeFailures the tiles that could not be written
   */
  record Outputs(PCollection<CallOutcome> calls, PCollection<WriteFailure> writeFailures) {}

  static Outputs build(
      Pipeline pipeline,
      CubeRef cube,
      Map<String, Producer> producers,
      List<ProducerCall> calls,
      String runId) {
    PCollection<ProducerCall> in =
        pipeline
            .apply("Calls", Create.of(calls).withCoder(SerializableCoder.of(ProducerCall.class)))
            .apply("Spread", Reshuffle.viaRandomKey());
    PCollectionTuple computed =
        in.apply(
            "Compute",
            ParDo.of(new ComputeFn(cube, producers, runId))
                .withOutputTags(ComputeFn.TILES, TupleTagList.of(ComputeFn.OUTCOMES)));
    PCollection<CallOutcome> outcomes =
        computed.get(ComputeFn.OUTCOMES).setCoder(SerializableCoder.of(CallOutcome.class));
    PCollection<WriteFailure> failures =
        computed
            .get(ComputeFn.TILES)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(TileOutput.class)))
            .apply("ByTile", GroupByKey.create())
            .apply("WriteTiles", ParDo.of(new WriteTilesFn(cube, runId)))
            .setCoder(SerializableCoder.of(WriteFailure.class));
    return new Outputs(outcomes, failures);
  }
}

package org.magg.transforms.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.core.ConfigException;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.MergePolicy;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;

/** Resolution from targets to layers, and each configuration error it names. */
class DependencyResolverTest {
  // the example: dem, temps -> heat -> model; plus an unrelated branch
  static final List<ToyProducer> CASCADE =
      List.of(
          ToyProducer.of("model", List.of("heat_index"), List.of("risk")),
          ToyProducer.of("heat", List.of("elevation", "temperature"), List.of("heat_index")),
          ToyProducer.of("temps", List.of(), List.of("temperature")),
          ToyProducer.of("dem", List.of(), List.of("elevation")),
          ToyProducer.of("winds", List.of(), List.of("wind")),
          ToyProducer.of("gusts", List.of("wind"), List.of("gust")));

  private static String error(List<? extends Producer> ps, List<String> targets) {
    return assertThrows(ConfigException.class, () -> DependencyResolver.resolve(ps, targets))
        .getMessage();
  }

  @Test
  void aTargetPullsInExactlyWhatItNeedsInLayers() {
    ResolutionPlan plan = DependencyResolver.resolve(CASCADE, List.of("risk"));
    assertEquals(
        List.of(List.of("dem", "temps"), List.of("heat"), List.of("model")), plan.layerNames());
    assertEquals(List.of("risk"), plan.targets());
    assertEquals(
        List.of("elevation", "heat_index", "risk", "temperature"),
        List.copyOf(plan.variables().keySet()));
    assertEquals(List.of("heat"), plan.producersOf().get("heat_index"));
  }

  @Test
  void noTargetsMeansEverythingAndTheOrderOfTheInputDoesNotMatter() {
    List<List<String>> expected =
        List.of(List.of("dem", "temps", "winds"), List.of("gusts", "heat"), List.of("model"));
    assertEquals(expected, DependencyResolver.resolve(CASCADE, List.of()).layerNames());
    List<ToyProducer> reversed = new java.util.ArrayList<>(CASCADE);
    java.util.Collections.reverse(reversed);
    assertEquals(expected, DependencyResolver.resolve(reversed, List.of()).layerNames());
    assertEquals(
        List.of(List.of("dem", "temps"), List.of("heat")),
        DependencyResolver.resolve(CASCADE, List.of("heat_index", "elevation")).layerNames());
  }

  @Test
  void aLayerIsTheLongestPathFromTheSources() {
    // c needs a (layer 0) and b (layer 1): c is in layer 2
    List<ToyProducer> ps =
        List.of(
            ToyProducer.of("a", List.of(), List.of("x")),
            ToyProducer.of("b", List.of("x"), List.of("y")),
            ToyProducer.of("c", List.of("x", "y"), List.of("z")));
    assertEquals(
        List.of(List.of("a"), List.of("b"), List.of("c")),
        DependencyResolver.resolve(ps, List.of("z")).layerNames());
  }

  @Test
  void aCycleIsNamedProducerByProducer() {
    List<ToyProducer> ps =
        List.of(
            ToyProducer.of("src", List.of(), List.of("s")),
            ToyProducer.of("a", List.of("s", "z"), List.of("x")),
            ToyProducer.of("b", List.of("x"), List.of("y")),
            ToyProducer.of("c", List.of("y"), List.of("z")));
    assertEquals(
        "producers: a cycle: 'a' needs 'z' from 'c', 'c' needs 'y' from 'b', 'b' needs 'x' from 'a'",
        error(ps, List.of()));
  }

  @Test
  void unknownTargetsAndNeedsAreNamed() {
    assertEquals(
        "targets: no producer makes target variable 'fuel' (produced variables: [elevation, gust,"
            + " heat_index, risk, temperature, wind])",
        error(CASCADE, List.of("risk", "fuel")));
    List<ToyProducer> ps =
        List.of(ToyProducer.of("heat", List.of("elevation"), List.of("heat_index")));
    assertEquals(
        "producers.heat.needs: producer 'heat' needs 'elevation', which no producer makes (produced"
            + " variables: [heat_index])",
        error(ps, List.of()));
    // an optional need nobody makes is fine
    ToyProducer optional =
        new ToyProducer(
            "heat",
            DataAdapter.of(DataNeed.of("elevation", VarKind.STATIC).optional()),
            List.of(VarSpec.of("heat_index", VarKind.TIME, VarDtype.FLOAT32, "K")),
            ProducerCapabilities.defaults(),
            (in, r) -> Map.of());
    assertEquals(
        List.of(List.of("heat")),
        DependencyResolver.resolve(List.of(optional), List.of()).layerNames());
  }

  @Test
  void twoProducersOfOneVariableNeedAMergePolicy() {
    List<ToyProducer> ps =
        List.of(
            ToyProducer.of("ignitions", List.of(), List.of("burned")),
            ToyProducer.of("spread", List.of(), List.of("burned")));
    assertEquals(
        "variables.burned.merge: variable 'burned' is produced by 'ignitions' and 'spread' but declares"
            + " no merge policy; set merge to one of last_writer, monotone_min, monotone_max,"
            + " accumulate, union",
        error(ps, List.of()));
    VarSpec max =
        VarSpec.of("burned", VarKind.TIME, VarDtype.FLOAT32, "1")
            .withMergePolicy(MergePolicy.MONOTONE_MAX);
    List<ToyProducer> ok =
        List.of(
            new ToyProducer(
                "ignitions",
                DataAdapter.none(),
                List.of(max),
                ProducerCapabilities.defaults(),
                (i, r) -> Map.of()),
            new ToyProducer(
                "spread",
                DataAdapter.none(),
                List.of(max),
                ProducerCapabilities.defaults(),
                (i, r) -> Map.of()),
            ToyProducer.of("report", List.of("burned"), List.of("area")));
    ResolutionPlan plan = DependencyResolver.resolve(ok, List.of("area"));
    assertEquals(List.of(List.of("ignitions", "spread"), List.of("report")), plan.layerNames());
    assertEquals(List.of("ignitions", "spread"), plan.producersOf().get("burned"));
    List<ToyProducer> differ =
        List.of(
            ok.get(0),
            new ToyProducer(
                "spread",
                DataAdapter.none(),
                List.of(max.withMergePolicy(MergePolicy.UNION)),
                ProducerCapabilities.defaults(),
                (i, r) -> Map.of()));
    String m = error(differ, List.of());
    assertEquals(
        true,
        m.startsWith(
            "variables.burned: producers 'ignitions' and 'spread' declare 'burned' differently"),
        m);
  }

  @Test
  void needKindsMustMatchAndOnlyIterativeProducersReadThemselves() {
    ToyProducer dem =
        new ToyProducer(
            "dem",
            DataAdapter.none(),
            List.of(VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT32, "m")),
            ProducerCapabilities.defaults(),
            (i, r) -> Map.of());
    assertEquals(
        "producers.heat.needs: producer 'heat' needs 'elevation' as time but it is static",
        error(List.of(dem, ToyProducer.of("heat", List.of("elevation"), List.of("h"))), List.of()));
    ToyProducer self = ToyProducer.of("spread", List.of("front"), List.of("front"));
    assertEquals(
        "producers.spread.needs: producer 'spread' needs 'front', which it makes itself; declare it"
            + " iterative to read its own previous output",
        error(List.of(self), List.of()));
    ToyProducer iterative =
        new ToyProducer(
            self.name(),
            self.needs(),
            self.produces(),
            ProducerCapabilities.defaults().withIterative(true),
            self.work());
    assertEquals(
        List.of(List.of("spread")),
        DependencyResolver.resolve(List.of(iterative), List.of()).layerNames());
    assertEquals(
        "producers.dem: two producers are named 'dem'", error(List.of(dem, dem), List.of()));
  }
}

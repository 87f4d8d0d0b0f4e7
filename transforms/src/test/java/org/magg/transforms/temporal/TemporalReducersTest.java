package org.magg.transforms.temporal;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notANumber;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.junit.jupiter.api.Test;

/**
 * The checks of magg's temporal accumulator tests, run through Beam's {@link CombineFnTester}
 * (shuffled inputs, shard splits, empty accumulators, merges in any order).
 */
class TemporalReducersTest {
  private static final long HOUR = 3_600_000L;

  private static List<TimestepValue> scalars(double... values) {
    List<TimestepValue> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(TimestepValue.scalar(i * HOUR, values[i]));
    }
    return out;
  }

  @Test
  void maxMinSum() {
    CombineFnTester.testCombineFn(ExtremumFn.max(), scalars(1, 3, 2), is(3.0));
    CombineFnTester.testCombineFn(ExtremumFn.min(), scalars(3, 1, 2), is(1.0));
    CombineFnTester.testCombineFn(new SumFn(), scalars(1, 2, 3), is(6.0));
  }

  @Test
  void nanIsIgnoredAndEmptyIsNan() {
    CombineFnTester.testCombineFn(ExtremumFn.max(), scalars(1, Double.NaN, 2), is(2.0));
    CombineFnTester.testCombineFn(ExtremumFn.min(), scalars(Double.NaN, 4, 5), is(4.0));
    CombineFnTester.testCombineFn(new SumFn(), scalars(Double.NaN, 2, Double.NaN), is(2.0));
    CombineFnTester.testCombineFn(ExtremumFn.max(), scalars(Double.NaN), is(notANumber()));
    CombineFnTester.testCombineFn(new SumFn(), List.of(), is(notANumber()));
    CombineFnTester.testCombineFn(new WeightedMeanFn(), List.of(), is(notANumber()));
    CombineFnTester.testCombineFn(new FirstLandfallFn(), List.of(), is(notANumber()));
    // negative values: the running max must not start at 0
    CombineFnTester.testCombineFn(ExtremumFn.max(), scalars(-5, -3, -9), is(-3.0));
  }

  @Test
  void weightedMean() {
    // (10, 2) + (30, 3) = 40 / 5
    CombineFnTester.testCombineFn(
        new WeightedMeanFn(),
        List.of(TimestepValue.pair(0, 10, 2), TimestepValue.pair(HOUR, 30, 3)),
        is(8.0));
    // a pair with a NaN part is skipped; zero total weight gives NaN
    CombineFnTester.testCombineFn(
        new WeightedMeanFn(),
        List.of(TimestepValue.pair(0, 10, 2), TimestepValue.pair(HOUR, Double.NaN, Double.NaN)),
        is(5.0));
    CombineFnTester.testCombineFn(
        new WeightedMeanFn(), List.of(TimestepValue.pair(0, 0, 0)), is(notANumber()));
  }

  @Test
  void firstLandfallKeepsTheEarliestWhateverTheOrder() {
    // [none, 42, 99]: the first timestep emits nothing
    List<TimestepValue> values =
        List.of(TimestepValue.scalar(HOUR, 42), TimestepValue.scalar(2 * HOUR, 99));
    CombineFnTester.testCombineFn(new FirstLandfallFn(), values, is(42.0));
    // a pair finishes to its ratio: (10, 2) -> 5
    CombineFnTester.testCombineFn(
        new FirstLandfallFn(), List.of(TimestepValue.pair(0, 10, 2)), is(5.0));
    // out of order over many timesteps: the earliest still wins
    List<TimestepValue> many = new ArrayList<>();
    for (int t = 50; t < 250; t++) {
      many.add(TimestepValue.scalar(t * HOUR, 1000 + t));
    }
    Collections.shuffle(many, new Random(3));
    CombineFnTester.testCombineFn(new FirstLandfallFn(), many, is(1050.0));
  }

  @Test
  void compensatedSumDoesNotDependOnOrder() {
    List<TimestepValue> values = new ArrayList<>();
    Random r = new Random(7);
    double exact = 0; // integers times 2^-10 sum exactly in double
    for (int i = 0; i < 2000; i++) {
      double v = (r.nextInt(2_000_001) - 1_000_000) / 1024.0;
      exact += v;
      values.add(TimestepValue.scalar(i * HOUR, v));
    }
    CombineFnTester.testCombineFn(new SumFn(), values, closeTo(exact, 0.0));
  }

  @Test
  void namesAndCoders() throws Exception {
    for (String n : TemporalReducers.NAMES) {
      CombineFn<TimestepValue, ?, Double> fn = TemporalReducers.forName(n);
      checkAccumulatorCoder(fn);
    }
    assertThrows(IllegalArgumentException.class, () -> TemporalReducers.forName("avg"));
    CoderProperties.coderDecodeEncodeEqual(
        TimestepValue.coder(), TimestepValue.pair(123, 4.5, Double.NaN));
  }

  private static <A> void checkAccumulatorCoder(CombineFn<TimestepValue, A, Double> fn)
      throws Exception {
    A empty = fn.createAccumulator();
    A filled =
        fn.addInput(
            fn.addInput(fn.createAccumulator(), TimestepValue.pair(5, 1.5, 2)),
            TimestepValue.scalar(2, -7));
    var coder = fn.getAccumulatorCoder(null, TimestepValue.coder());
    CoderProperties.coderDecodeEncodeEqual(coder, empty);
    CoderProperties.coderDecodeEncodeEqual(coder, filled);
    coder.verifyDeterministic();
  }
}

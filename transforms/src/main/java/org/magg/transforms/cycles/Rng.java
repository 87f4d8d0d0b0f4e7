package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A seeded random number generator whose whole state can be read and restored, so that a cycle
 * saved in a {@link Checkpoint} resumes with the same random draws.
 *
 * <p>Uniform bits come from xoshiro256** (Blackman and Vigna, 2018: 256 bits of state, period 2^256
 * - 1), seeded by four successive outputs of SplitMix64 (Steele, Lea and Flood, 2014) from a 64-bit
 * seed, as its authors recommend. {@link #nextDouble()} takes the upper 53 bits of an output.
 * {@link #nextGaussian()} uses Marsaglia's polar method, which makes two independent standard
 * normal values from one accepted pair of uniforms: the second is kept (it is part of the state)
 * and returned by the next call.
 *
 * <p>Not thread-safe: one generator per cycle. The cycles copy the generator of the state they are
 * given before drawing from it, so the state passed in is not changed.
 */
public final class Rng implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private boolean hasSpare;
  private double spare;

  private Rng(long s0, long s1, long s2, long s3, boolean hasSpare, double spare) {
    if ((s0 | s1 | s2 | s3) == 0) {
      throw new IllegalArgumentException("xoshiro256** state must not be all zero");
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    this.hasSpare = hasSpare;
    this.spare = spare;
  }

  /** A generator seeded from {@code seed} (stream 0). */
  public static Rng seeded(long seed) {
    return seeded(seed, 0);
  }

  /**
   * Independent stream {@code stream} of {@code seed}: the SplitMix64 sequence starts at {@code
   * seed} mixed with the stream number, so streams of one seed do not overlap in practice.
   */
  public static Rng seeded(long seed, long stream) {
    long[] x = {seed ^ splitMix64(stream * GOLDEN_GAMMA + 0x632BE59BD9B4E019L)};
    return new Rng(next(x), next(x), next(x), next(x), false, 0.0);
  }

  /** A generator in exactly the given state (see {@link #state()}). */
  public static Rng restore(State state) {
    long[] s = state.words();
    return new Rng(s[0], s[1], s[2], s[3], state.hasSpare(), state.spare());
  }

  /** The generator's complete state. */
  public State state() {
    return new State(new long[] {s0, s1, s2, s3}, hasSpare, spare);
  }

  /** An independent copy in the same state. */
  public Rng copy() {
    return new Rng(s0, s1, s2, s3, hasSpare, spare);
  }

  /** SplitMix64's output for the counter value {@code z} (its state after the increment). */
  static long splitMix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long next(long[] splitMixState) {
    splitMixState[0] += GOLDEN_GAMMA;
    return splitMix64(splitMixState[0]);
  }

  /** The next 64 uniform bits (xoshiro256**). */
  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1), a multiple of 2^-53. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Standard normal (Marsaglia's polar method). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = Math.sqrt(-2 * Math.log(s) / s);
    spare = v * m;
    hasSpare = true;
    return u * m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rng r && state().equals(r.state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "Rng" + state();
  }

  /** The four xoshiro256** words and the kept Gaussian value. */
  public record State(long[] words, boolean hasSpare, double spare) implements Serializable {
    public State {
      if (words.length != 4) {
        throw new IllegalArgumentException("xoshiro256** state has 4 words, got " + words.length);
      }
      words = words.clone();
    }

    @Override
    public long[] words() {
      return words.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof State s
          && Arrays.equals(words, s.words)
          && hasSpare == s.hasSpare
          && Double.doubleToLongBits(spare) == Double.doubleToLongBits(s.spare);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(words) * 31 + Boolean.hashCode(hasSpare);
    }

    @Override
    public String toString() {
      return Arrays.toString(words) + (hasSpare ? " spare " + spare : "");
    }
  }
}

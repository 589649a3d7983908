package dev.vodauth.fuzz;

import org.quicktheories.QuickTheory;

/**
 * How many generated cases each face runs, and from which seed. {@code mvn verify} runs 2,000 per
 * face from a fixed seed, so a failure is the same on every run; a long run passes
 * {@code -Dgenerated.cases=10000}, another seed {@code -Dgenerated.seed=N}. A failure prints its
 * falsifying values and "Seed was N": the same command with that seed replays it.
 */
public final class GeneratedCases {
  public static final int DEFAULT_CASES = 2_000;
  public static final long DEFAULT_SEED = 20_261_201L;
  // Each shrink step is a real invocation against the emulator: a bounded number keeps a failing run short.
  private static final int SHRINK_CYCLES = 200;

  private GeneratedCases() {}

  public static int cases() {
    return Integer.getInteger("generated.cases", DEFAULT_CASES);
  }

  public static long seed() {
    return Long.getLong("generated.seed", DEFAULT_SEED);
  }

  /** QuickTheories set to {@link #cases()} examples from {@link #seed()}. */
  public static QuickTheory theory() {
    return QuickTheory.qt().withFixedSeed(seed()).withExamples(cases()).withShrinkCycles(SHRINK_CYCLES);
  }
}

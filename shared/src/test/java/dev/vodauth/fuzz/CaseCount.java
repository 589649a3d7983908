package dev.vodauth.fuzz;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts a face's generated cases and prints the figures a long run records (BENCHMARKS.md). */
public final class CaseCount {
  private final String face;
  private final AtomicInteger cases = new AtomicInteger();

  private final long started = System.nanoTime();

  public CaseCount(String face) {
    this.face = face;
  }

  public void add() {
    cases.incrementAndGet();
  }

  /** Prints: face, cases (failures stop a property, so a full count means none), VOD requests, time. */
  public void report(int vodRequests) {
    System.out.printf("generated-inputs face=%s cases=%d vodRequests=%d seconds=%.1f%n",
        face, cases.get(), vodRequests, (System.nanoTime() - started) / 1e9);
  }
}

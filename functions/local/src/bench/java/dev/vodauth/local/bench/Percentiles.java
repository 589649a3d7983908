package dev.vodauth.local.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarised as percentiles in milliseconds. */
final class Percentiles {
  private long[] samples;
  private int size;

  Percentiles(int capacity) {
    samples = new long[capacity];
  }

  void add(long nanos) {
    if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
    samples[size++] = nanos;
  }

  void addAll(Percentiles other) {
    for (int i = 0; i < other.size; i++) add(other.samples[i]);
  }

  int size() {
    return size;
  }

  /** The p-th percentile (nearest rank) in milliseconds. */
  double millis(double p) {
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }

  String summary() {
    return String.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)",
        millis(50), millis(90), millis(99), millis(100), size);
  }
}

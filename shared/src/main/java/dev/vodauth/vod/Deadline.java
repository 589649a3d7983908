package dev.vodauth.vod;

import java.util.function.LongSupplier;

/** The moment an invocation must have answered by, read from a monotonic clock. */
public final class Deadline {
  private final long deadlineNanos;
  private final LongSupplier nanoClock;

  private Deadline(long deadlineNanos, LongSupplier nanoClock) {
    this.deadlineNanos = deadlineNanos;
    this.nanoClock = nanoClock;
  }

  /** A deadline {@code millis} from now on the system's monotonic clock. */
  public static Deadline afterMillis(long millis) {
    return afterMillis(millis, System::nanoTime);
  }

  public static Deadline afterMillis(long millis, LongSupplier nanoClock) {
    return new Deadline(nanoClock.getAsLong() + Math.max(0, millis) * 1_000_000L, nanoClock);
  }

  /** Milliseconds left, never negative. */
  public long remainingMillis() {
    return Math.max(0, (deadlineNanos - nanoClock.getAsLong()) / 1_000_000L);
  }
}

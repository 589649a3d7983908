package dev.vodauth.vod;

import java.util.Random;

/** Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base * 2^n)]. */
final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final Random random;

  Backoff(long baseMillis, long capMillis, Random random) {
    this.baseMillis = baseMillis;
    this.capMillis = capMillis;
    this.random = random;
  }

  /** The delay before retry {@code retry} (0 for the first retry). */
  long delayMillis(int retry) {
    long ceiling = Math.min(capMillis, baseMillis << Math.min(retry, 20));
    return ceiling <= 0 ? 0 : (long) (random.nextDouble() * (ceiling + 1));
  }

  /** The longest delay the next retry can take: what Retry-After tells a throttled caller. */
  long capMillis() {
    return capMillis;
  }
}

package dev.vodauth.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps a source's keys for a time-to-live, and drops them at once when VOD rejects them.
 *
 * <p>Thread-safe: one instance serves every invocation of a container. Loads are serialized so
 * that a burst of invocations after expiry makes one call to the source, not one each.
 */
public final class CachedCredentials implements CredentialsSource {
  private final CredentialsSource source;
  private final Duration timeToLive;
  private final Clock clock;

  private VodCredentials cached; // guarded by this
  private Instant loadedAt; // guarded by this

  private CachedCredentials(CredentialsSource source, Duration timeToLive, Clock clock) {
    this.source = Objects.requireNonNull(source, "source == null");
    this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  public static CachedCredentials of(CredentialsSource source, Duration timeToLive, Clock clock) {
    return new CachedCredentials(source, timeToLive, clock);
  }

  @Override
  public synchronized VodCredentials load() {
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(loadedAt.plus(timeToLive))) {
      cached = source.load();
      loadedAt = now;
    }
    return cached;
  }

  @Override
  public synchronized void invalidate() {
    cached = null;
    source.invalidate();
  }
}

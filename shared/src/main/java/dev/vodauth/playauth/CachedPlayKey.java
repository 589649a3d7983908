package dev.vodauth.playauth;

import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.request.Checked;
import dev.vodauth.vod.Deadline;
import dev.vodauth.vod.VodClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A PlayKey kept for a time to live, so that a rotation (SetAppPlayKey, a new secret version) is
 * picked up within that time while a request costs no read. One read at a time; the others wait
 * for it. When a refresh fails, the key read before is used a while longer ({@value
 * #RETRY_AFTER_FAILURE_SECONDS} s before the next try): a VOD or secret-store outage does not stop
 * playback. With no key yet, a failed read is answered again for that while without another read,
 * so a flood of requests during an outage does not become a flood of reads. {@link #invalidate()}
 * forgets it all (a SnapStart restore).
 */
public final class CachedPlayKey implements PlayKeySource {
  static final int RETRY_AFTER_FAILURE_SECONDS = 5;

  private final PlayKeySource source;
  private final Duration timeToLive;
  private final Clock clock;
  private volatile Entry entry;
  private Checked<PlayKey> lastFailure;
  private Instant failedUntil = Instant.MIN;

  private CachedPlayKey(PlayKeySource source, Duration timeToLive, Clock clock) {
    this.source = Objects.requireNonNull(source, "source == null");
    this.timeToLive = timeToLive;
    this.clock = clock;
  }

  public static CachedPlayKey of(PlayKeySource source, Duration timeToLive, Clock clock) {
    return new CachedPlayKey(source, timeToLive, clock);
  }

  @Override
  public Checked<PlayKey> load(VodClient client, Deadline deadline, VodCredentials ownKeys) {
    Entry current = entry;
    if (current != null && clock.instant().isBefore(current.freshUntil)) return Checked.ok(current.key);
    synchronized (this) {
      current = entry;
      Instant now = clock.instant();
      if (current != null && now.isBefore(current.freshUntil)) return Checked.ok(current.key);
      if (current == null && now.isBefore(failedUntil)) return lastFailure;
      Checked<PlayKey> loaded = source.load(client, deadline, ownKeys);
      if (loaded.isOk()) {
        entry = new Entry(loaded.value(), now.plus(timeToLive));
        return loaded;
      }
      if (current == null) {
        lastFailure = loaded;
        failedUntil = now.plusSeconds(RETRY_AFTER_FAILURE_SECONDS);
        return loaded;
      }
      entry = new Entry(current.key, now.plusSeconds(RETRY_AFTER_FAILURE_SECONDS));
      return Checked.ok(current.key);
    }
  }

  @Override
  public void invalidate() {
    synchronized (this) {
      entry = null;
      failedUntil = Instant.MIN;
    }
    source.invalidate();
  }

  private static final class Entry {
    final PlayKey key;
    final Instant freshUntil;

    Entry(PlayKey key, Instant freshUntil) {
      this.key = key;
      this.freshUntil = freshUntil;
    }
  }
}

package dev.vodauth.emulator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The SignatureNonces each AccessKey used in the last 15 minutes, so a replay is refused as VOD refuses it. */
final class NonceCache {
  private static final long WINDOW_SECONDS = 15 * 60;
  private static final int PURGE_EVERY = 10_000;

  private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
  private final AtomicInteger sincePurge = new AtomicInteger();

  /** Remembers the nonce; returns false if this key already used it within the window. */
  boolean firstUse(String accessKeyId, String nonce, long nowSeconds) {
    boolean[] fresh = {true};
    seen.compute(accessKeyId + '\n' + nonce, (k, previous) -> {
      if (previous != null && nowSeconds - previous < WINDOW_SECONDS) {
        fresh[0] = false;
        return previous;
      }
      return nowSeconds;
    });
    // A long standalone run sees millions of nonces; forgetting expired ones now and then bounds memory.
    if (sincePurge.incrementAndGet() >= PURGE_EVERY) {
      sincePurge.set(0);
      seen.values().removeIf(then -> nowSeconds - then >= WINDOW_SECONDS);
    }
    return fresh[0];
  }
}

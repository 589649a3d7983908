package dev.vodauth.playauth;

import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.request.Checked;
import dev.vodauth.vod.Deadline;
import dev.vodauth.vod.VodClient;

/**
 * Where the PlayKey comes from: the configuration, a secret store, or VOD's GetAppPlayKey. A
 * failure is the answer to give (its message names the source, never a key).
 */
public interface PlayKeySource {
  /**
   * The current PlayKey.
   *
   * @param client the VOD client, for a key read from VOD
   * @param ownKeys the invocation's own VOD keys (FC's role), or null for the container's
   */
  Checked<PlayKey> load(VodClient client, Deadline deadline, VodCredentials ownKeys);

  /** Forgets a cached key (a SnapStart restore); sources without a cache ignore it. */
  default void invalidate() {}

  /** The key set in the configuration. */
  static PlayKeySource of(PlayKey key) {
    Checked<PlayKey> loaded = Checked.ok(key);
    return (client, deadline, ownKeys) -> loaded;
  }
}

package dev.vodauth.operation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.playauth.PlayKeySource;
import java.util.List;

/** The operations served, each one function on every platform. */
public final class Operations {
  private Operations() {}

  /** Every operation, built from the container's configuration (a bad setting fails here). */
  public static List<VodOperation> all(Config config) {
    return all(config, null, new ObjectMapper());
  }

  /**
   * As above, with the platform's secret store's PlayKey for play-auth (Lambda's secret), or null
   * for {@code VOD_PLAY_KEY} or GetAppPlayKey.
   */
  public static List<VodOperation> all(Config config, PlayKeySource platformPlayKey, ObjectMapper json) {
    return List.of(new PlayAuth(config, platformPlayKey, json), new RefreshUpload(config), new CreateUpload(config));
  }
}

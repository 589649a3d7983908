package dev.vodauth.operation;

import dev.vodauth.config.Config;
import java.util.List;

/** The operations served, each one function on every platform. */
public final class Operations {
  private Operations() {}

  /** Every operation, built from the container's configuration (a bad setting fails here). */
  public static List<VodOperation> all(Config config) {
    return List.of(new PlayAuth(config), new RefreshUpload(config), new CreateUpload(config));
  }
}

package dev.vodauth.playauth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The kinds of playback credential play-auth can hand out. */
public enum PlayAuthType {
  /** The classic PlayAuth from VOD's GetVideoPlayAuth: every player, the web player included. */
  VOD,
  /** A JWTPlayAuth signed here with the account's PlayKey: Alibaba's native player SDKs from 7.10.0. */
  JWT;

  /** The kind named (case ignored), or null when none is. */
  public static PlayAuthType named(String name) {
    if (name == null) return null;
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (PlayAuthType type : values()) {
      if (type.name().equals(upper)) return type;
    }
    return null;
  }

  /**
   * The kinds a deployment offers, from {@code PLAY_AUTH_TYPES} ("VOD", "JWT", "VOD,JWT", "JWT,VOD"):
   * the first is the default. Unset means VOD only, as before the setting existed.
   *
   * @throws IllegalArgumentException naming the setting when a kind is unknown or repeated
   */
  static List<PlayAuthType> offered(String setting, String value) {
    if (value == null || value.trim().isEmpty()) return List.of(VOD);
    List<PlayAuthType> kinds = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      PlayAuthType type = named(part);
      if (type == null || kinds.contains(type)) {
        throw new IllegalArgumentException(setting + " must list VOD and/or JWT, each once, comma-separated"
            + " (the first is the default), got '" + value.trim() + "'");
      }
      kinds.add(type);
    }
    return Collections.unmodifiableList(kinds);
  }
}

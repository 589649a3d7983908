package dev.vodauth.playauth;

import dev.vodauth.config.Config;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * play-auth's kinds and the JWTPlayAuth settings, from the variables {@link Config} keeps; read when
 * the container's functions are built, so a bad value stops the start naming the variable (never
 * the PlayKey's value).
 *
 * <p>Validity of a JWTPlayAuth: {@value #TIMEOUT_DEFAULT_SETTING} (default 3600 s) unless the
 * caller asks for less with {@code AuthInfoTimeout}; at most {@value #TIMEOUT_MAX_SETTING}
 * (default 3600 s). A deployment may set them between {@value #TIMEOUT_FLOOR} s (the classic
 * PlayAuth's floor: time for the player to exchange it, with some clock skew) and
 * {@value #TIMEOUT_CEILING} s (one day, the longest Alibaba's design note describes). One hour is
 * Alibaba's app server's own choice; such a token cannot be revoked but by rotating the PlayKey,
 * which revokes every token at once, so its life is kept short.
 */
public final class PlayAuthSettings {
  public static final String PLAY_AUTH_TYPES = Config.PLAY_AUTH_TYPES;
  public static final String VOD_PLAY_KEY = Config.VOD_PLAY_KEY;
  public static final String VOD_APP_ID = Config.VOD_APP_ID;
  public static final String VOD_PLAY_KEY_TTL_SECONDS = Config.VOD_PLAY_KEY_TTL_SECONDS;
  public static final String TIMEOUT_DEFAULT_SETTING = Config.PLAY_AUTH_JWT_TIMEOUT_DEFAULT;
  public static final String TIMEOUT_MAX_SETTING = Config.PLAY_AUTH_JWT_TIMEOUT_MAX;

  public static final int TIMEOUT_FLOOR = 100;
  public static final int TIMEOUT_CEILING = 86_400;
  public static final String DEFAULT_APP_ID = "app-1000000";

  private static final Pattern APP_ID = Pattern.compile("app-[0-9A-Za-z]{1,32}");

  private final List<PlayAuthType> offered;
  private final PlayKey configuredKey;
  private final String appId;
  private final int keyTtlSeconds;
  private final int timeoutDefault;
  private final int timeoutMax;
  private final PlayContentRules content;

  private PlayAuthSettings(Map<String, String> env) {
    offered = PlayAuthType.offered(PLAY_AUTH_TYPES, text(env, PLAY_AUTH_TYPES));
    String key = text(env, VOD_PLAY_KEY);
    if (key != null && !PlayKey.isAcceptable(key)) {
      // The value is a secret: the message says what is wrong, never what was given.
      throw new IllegalArgumentException(VOD_PLAY_KEY + " must be 8 to 20 letters and digits (what VOD's"
          + " SetAppPlayKey accepts); the value set is not");
    }
    configuredKey = key == null ? null : PlayKey.of(key);
    appId = text(env, VOD_APP_ID) == null ? DEFAULT_APP_ID : text(env, VOD_APP_ID);
    if (!APP_ID.matcher(appId).matches()) {
      throw new IllegalArgumentException(VOD_APP_ID + " must be a VOD application ID such as app-1000000, got '" + appId + "'");
    }
    keyTtlSeconds = number(env, VOD_PLAY_KEY_TTL_SECONDS, 300, 1, 86_400);
    timeoutMax = number(env, TIMEOUT_MAX_SETTING, 3600, TIMEOUT_FLOOR, TIMEOUT_CEILING);
    timeoutDefault = number(env, TIMEOUT_DEFAULT_SETTING, Math.min(3600, timeoutMax), TIMEOUT_FLOOR, timeoutMax);
    content = PlayContentRules.from(env);
  }

  public static PlayAuthSettings from(Map<String, String> environment) {
    return new PlayAuthSettings(environment);
  }

  /** The kinds offered, the default first. */
  public List<PlayAuthType> offered() {
    return offered;
  }

  public boolean offersJwt() {
    return offered.contains(PlayAuthType.JWT);
  }

  /** The PlayKey set in {@value #VOD_PLAY_KEY}, or null when it is to be read from VOD or a secret. */
  public PlayKey configuredKey() {
    return configuredKey;
  }

  /** The VOD application whose PlayKey signs ({@code app-1000000}, VOD's default application). */
  public String appId() {
    return appId;
  }

  /** How long a PlayKey read from VOD or a secret store is used before it is read again. */
  public int keyTtlSeconds() {
    return keyTtlSeconds;
  }

  public int timeoutDefaultSeconds() {
    return timeoutDefault;
  }

  public int timeoutMaxSeconds() {
    return timeoutMax;
  }

  PlayContentRules content() {
    return content;
  }

  private static String text(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = text(env, name);
    if (value == null) return fallback;
    if (value.matches("[0-9]{1,9}")) {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) return n;
    }
    throw new IllegalArgumentException(
        name + " must be a whole number between " + min + " and " + max + ", got '" + value + "'");
  }
}

package dev.vodauth.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The functions' settings, read from environment variables only, each with a default.
 *
 * <p>A bad value fails the container's start with a message naming the variable: an operator's
 * mistake should surface at deploy time, not as a wrong answer later.
 */
public final class Config {
  public static final String VOD_REGION = "VOD_REGION";
  public static final String VOD_ENDPOINT = "VOD_ENDPOINT";
  public static final String VOD_CONNECT_TIMEOUT_MS = "VOD_CONNECT_TIMEOUT_MS";
  public static final String VOD_READ_TIMEOUT_MS = "VOD_READ_TIMEOUT_MS";
  public static final String VOD_MAX_RETRIES = "VOD_MAX_RETRIES";
  public static final String VOD_RETRY_BASE_DELAY_MS = "VOD_RETRY_BASE_DELAY_MS";
  public static final String VOD_RETRY_MAX_DELAY_MS = "VOD_RETRY_MAX_DELAY_MS";
  public static final String AUTH_INFO_TIMEOUT_DEFAULT = "AUTH_INFO_TIMEOUT_DEFAULT";
  public static final String AUTH_INFO_TIMEOUT_MAX = "AUTH_INFO_TIMEOUT_MAX";
  public static final String CORS_ALLOWED_ORIGINS = "CORS_ALLOWED_ORIGINS";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String INVOCATION_TIMEOUT_MS = "INVOCATION_TIMEOUT_MS";
  public static final String JWT_ISSUER = "JWT_ISSUER";
  public static final String JWT_AUDIENCE = "JWT_AUDIENCE";
  public static final String JWT_JWKS_URL = "JWT_JWKS_URL";
  public static final String JWT_VIDEO_CLAIM = "JWT_VIDEO_CLAIM";
  public static final String JWT_CLOCK_SKEW_SECONDS = "JWT_CLOCK_SKEW_SECONDS";
  public static final String JWT_MAX_LIFETIME_SECONDS = "JWT_MAX_LIFETIME_SECONDS";
  public static final String EVENT_BATCH_MAX_MESSAGES = "EVENT_BATCH_MAX_MESSAGES";
  public static final String EVENT_MESSAGE_MAX_BYTES = "EVENT_MESSAGE_MAX_BYTES";
  // play-auth's kinds and the JWTPlayAuth's settings, read by play-auth's PlayAuthSettings.
  public static final String PLAY_AUTH_TYPES = "PLAY_AUTH_TYPES";
  public static final String VOD_PLAY_KEY = "VOD_PLAY_KEY";
  public static final String VOD_APP_ID = "VOD_APP_ID";
  public static final String VOD_PLAY_KEY_TTL_SECONDS = "VOD_PLAY_KEY_TTL_SECONDS";
  public static final String PLAY_AUTH_JWT_TIMEOUT_DEFAULT = "PLAY_AUTH_JWT_TIMEOUT_DEFAULT";
  public static final String PLAY_AUTH_JWT_TIMEOUT_MAX = "PLAY_AUTH_JWT_TIMEOUT_MAX";
  public static final String PLAY_AUTH_JWT_FORMATS = "PLAY_AUTH_JWT_FORMATS";
  public static final String PLAY_AUTH_JWT_AUTH_TIMEOUT = "PLAY_AUTH_JWT_AUTH_TIMEOUT";
  public static final String PLAY_AUTH_JWT_STREAM_TYPE = "PLAY_AUTH_JWT_STREAM_TYPE";
  public static final String PLAY_AUTH_JWT_DEFINITION = "PLAY_AUTH_JWT_DEFINITION";
  public static final String PLAY_AUTH_JWT_RESULT_TYPE = "PLAY_AUTH_JWT_RESULT_TYPE";
  public static final String PLAY_AUTH_JWT_OUTPUT_TYPE = "PLAY_AUTH_JWT_OUTPUT_TYPE";

  private static final List<String> NAMES = List.of(VOD_REGION, VOD_ENDPOINT, VOD_CONNECT_TIMEOUT_MS,
      VOD_READ_TIMEOUT_MS, VOD_MAX_RETRIES, VOD_RETRY_BASE_DELAY_MS, VOD_RETRY_MAX_DELAY_MS, AUTH_INFO_TIMEOUT_DEFAULT,
      AUTH_INFO_TIMEOUT_MAX, CORS_ALLOWED_ORIGINS, LOG_LEVEL, INVOCATION_TIMEOUT_MS,
      JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL, JWT_VIDEO_CLAIM, JWT_CLOCK_SKEW_SECONDS, JWT_MAX_LIFETIME_SECONDS,
      EVENT_BATCH_MAX_MESSAGES,
      EVENT_MESSAGE_MAX_BYTES, PLAY_AUTH_TYPES, VOD_PLAY_KEY, VOD_APP_ID, VOD_PLAY_KEY_TTL_SECONDS,
      PLAY_AUTH_JWT_TIMEOUT_DEFAULT, PLAY_AUTH_JWT_TIMEOUT_MAX, PLAY_AUTH_JWT_FORMATS, PLAY_AUTH_JWT_AUTH_TIMEOUT,
      PLAY_AUTH_JWT_STREAM_TYPE, PLAY_AUTH_JWT_DEFINITION, PLAY_AUTH_JWT_RESULT_TYPE, PLAY_AUTH_JWT_OUTPUT_TYPE);

  /** Settings an operation reads itself ({@link #setting}) are named VOD_*: no platform key is. */
  public static final String OPERATION_SETTING_PREFIX = "VOD_";

  /** The API's own bounds for AuthInfoTimeout, in seconds (GetVideoPlayAuth documentation). */
  public static final int AUTH_INFO_TIMEOUT_FLOOR = 100;

  public static final int AUTH_INFO_TIMEOUT_CEILING = 3000;

  private final String region;
  private final String endpoint;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final int maxRetries;
  private final int retryBaseDelayMillis;
  private final int retryMaxDelayMillis;
  private final int authInfoTimeoutDefault;
  private final int authInfoTimeoutMax;
  private final List<String> corsAllowedOrigins;
  private final String logLevel;
  private final int invocationTimeoutMillis;
  private final TokenSettings tokens;
  private final int eventBatchMaxMessages;
  private final int eventMessageMaxBytes;
  private final Map<String, String> environment;

  private Config(Map<String, String> env) {
    // Only the variables read here, and operations' own (VOD_*), are kept: the process
    // environment also holds platform keys.
    environment = env.entrySet().stream()
        .filter(e -> (NAMES.contains(e.getKey()) || e.getKey().startsWith(OPERATION_SETTING_PREFIX)) && e.getValue() != null)
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    region = text(env, VOD_REGION, "cn-shanghai");
    endpoint = text(env, VOD_ENDPOINT, "vod." + region + ".aliyuncs.com");
    connectTimeoutMillis = number(env, VOD_CONNECT_TIMEOUT_MS, 1000, 1, 60_000);
    readTimeoutMillis = number(env, VOD_READ_TIMEOUT_MS, 3000, 1, 300_000);
    maxRetries = number(env, VOD_MAX_RETRIES, 2, 0, 2);
    retryBaseDelayMillis = number(env, VOD_RETRY_BASE_DELAY_MS, 100, 0, 10_000);
    retryMaxDelayMillis = number(env, VOD_RETRY_MAX_DELAY_MS, 1000, 0, 60_000);
    authInfoTimeoutMax =
        number(env, AUTH_INFO_TIMEOUT_MAX, AUTH_INFO_TIMEOUT_CEILING, AUTH_INFO_TIMEOUT_FLOOR, AUTH_INFO_TIMEOUT_CEILING);
    // A default above the maximum is cut to it: the deploy files cannot compare the two settings.
    authInfoTimeoutDefault = Math.min(authInfoTimeoutMax,
        number(env, AUTH_INFO_TIMEOUT_DEFAULT, AUTH_INFO_TIMEOUT_FLOOR, AUTH_INFO_TIMEOUT_FLOOR, AUTH_INFO_TIMEOUT_CEILING));
    corsAllowedOrigins =
        Arrays.stream(text(env, CORS_ALLOWED_ORIGINS, "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Config::checkedOrigin)
            .collect(Collectors.toUnmodifiableList());
    logLevel = choice(env, LOG_LEVEL, "INFO", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    invocationTimeoutMillis = number(env, INVOCATION_TIMEOUT_MS, 10_000, 100, 900_000);
    tokens = TokenSettings.from(text(env, JWT_ISSUER, null), text(env, JWT_AUDIENCE, null),
        text(env, JWT_JWKS_URL, null), text(env, JWT_VIDEO_CLAIM, null),
        number(env, JWT_CLOCK_SKEW_SECONDS, 60, 0, 600),
        text(env, JWT_MAX_LIFETIME_SECONDS, null) == null ? 0 : number(env, JWT_MAX_LIFETIME_SECONDS, 0, 60, 86_400));
    eventBatchMaxMessages = number(env, EVENT_BATCH_MAX_MESSAGES, 10, 1, 100);
    eventMessageMaxBytes = number(env, EVENT_MESSAGE_MAX_BYTES, 16 * 1024, 64, 262_144); // as an HTTP body
  }

  /** Reads the settings from an environment (pass {@code System.getenv()} in production). */
  public static Config from(Map<String, String> environment) {
    return new Config(Objects.requireNonNull(environment, "environment == null"));
  }

  /** The same settings with some variables replaced (priming points a copy at a stand-in). */
  public Config withOverrides(Map<String, String> overrides) {
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.putAll(overrides);
    return new Config(env);
  }

  /**
   * An operation's own setting ({@code VOD_*}), trimmed; null when unset or blank. The operation
   * checks it when it is built, so a bad value fails the container's start.
   */
  public String setting(String name) {
    if (!name.startsWith(OPERATION_SETTING_PREFIX)) throw new IllegalArgumentException(name + " is not an operation's setting");
    return text(environment, name, null);
  }

  /** The VOD region, {@code cn-shanghai} by default. */
  public String region() {
    return region;
  }

  /** VOD's host (and port, for the emulator): {@code vod.<region>.aliyuncs.com} by default. */
  public String endpoint() {
    return endpoint;
  }

  public int connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  public int readTimeoutMillis() {
    return readTimeoutMillis;
  }

  /** Retries inside one invocation after the first attempt: 0 to 2. */
  public int maxRetries() {
    return maxRetries;
  }

  public int retryBaseDelayMillis() {
    return retryBaseDelayMillis;
  }

  public int retryMaxDelayMillis() {
    return retryMaxDelayMillis;
  }

  /** The AuthInfoTimeout sent when the caller gives none: never above {@link #authInfoTimeoutMax()}. */
  public int authInfoTimeoutDefault() {
    return authInfoTimeoutDefault;
  }

  /** The largest AuthInfoTimeout a caller may ask for. */
  public int authInfoTimeoutMax() {
    return authInfoTimeoutMax;
  }

  /** Caller-token (JWT) settings, or null when {@code JWT_ISSUER} is not set (tokens off). */
  public TokenSettings tokens() {
    return tokens;
  }

  /** Whether callers of the HTTP faces must bring a token ({@code JWT_ISSUER} set). */
  public boolean tokensOn() {
    return tokens != null;
  }

  /** Origins allowed to call from a browser; empty means no CORS headers at all. */
  public List<String> corsAllowedOrigins() {
    return corsAllowedOrigins;
  }

  public String logLevel() {
    return logLevel;
  }

  /** The time an invocation may take where the platform does not say (FC, the local runner). */
  public int invocationTimeoutMillis() {
    return invocationTimeoutMillis;
  }

  /**
   * The most messages one invocation answers (10 by default: the deployed batch windows deliver
   * at most that); a larger batch is refused as a whole, before any VOD call.
   */
  public int eventBatchMaxMessages() {
    return eventBatchMaxMessages;
  }

  /**
   * The largest event message answered, in UTF-8 bytes as delivered (16,384 by default, the HTTP
   * body limit); a larger one gets a permanent failure record, before any VOD call. FC sets 512:
   * what keeps its asynchronous destination record in one MNS message.
   */
  public int eventMessageMaxBytes() {
    return eventMessageMaxBytes;
  }

  /**
   * The settings as given, only the variables named above: what a setting's own reader takes
   * (play-auth's PlayAuthSettings). Holds VOD_PLAY_KEY when set: never log it.
   */
  public Map<String, String> settings() {
    return environment;
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.trim().isEmpty() ? fallback : value.trim();
  }

  /**
   * An origin as browsers send it: {@code *} or {@code scheme://host[:port]}. Anything else (a
   * path, a trailing slash) never equals a browser's Origin header and would block every caller
   * silently, so it stops the start.
   */
  private static String checkedOrigin(String origin) {
    // Browsers send scheme and host in lower case: compare in that form.
    if (origin.equals("*") || origin.matches("[a-zA-Z][a-zA-Z0-9+.-]*://(\\[[0-9a-fA-F:.]+\\]|[^/?#@\\s:\\[\\]]+)(:\\d{1,5})?")) {
      return origin.toLowerCase(java.util.Locale.ROOT);
    }
    throw new IllegalArgumentException(CORS_ALLOWED_ORIGINS + " entries must be * or scheme://host[:port]"
        + " (no path, no trailing slash), got '" + origin + "'");
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = text(env, name, null);
    if (value == null) return fallback;
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException ignored) {
      // Falls through to the message below, which shows the rule.
    }
    throw new IllegalArgumentException(
        name + " must be a whole number between " + min + " and " + max + ", got '" + value + "'");
  }

  private static String choice(Map<String, String> env, String name, String fallback, String... allowed) {
    String value = text(env, name, fallback).toUpperCase(java.util.Locale.ROOT);
    if (Arrays.asList(allowed).contains(value)) return value;
    throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
  }
}

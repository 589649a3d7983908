package dev.vodauth.playauth;

import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code playContentInfo} claim of a JWTPlayAuth: GetPlayInfo's own parameters, which VOD applies
 * when the player exchanges the token for play URLs. Only the parameters with a closed set of values
 * are offered (GetPlayInfo's documentation, VOD API 2017-03-21):
 *
 * <ul>
 *   <li>{@code formats}: mp4, m3u8, mp3, flv, mpd, comma-separated;
 *   <li>{@code streamType}: video, audio, comma-separated;
 *   <li>{@code definition}: FD, LD, SD, HD, OD, 2K, 4K, SQ, HQ, AUTO, comma-separated;
 *   <li>{@code resultType}: Single or Multiple;
 *   <li>{@code outputType}: oss or cdn (the deployment's alone: it depends on its domains);
 *   <li>{@code authTimeout}: the play URLs' validity in seconds, 1 to 2,592,000 (GetPlayInfo's bound
 *       for VOD's own storage).
 * </ul>
 *
 * <p>The deployment sets each one's default ({@code PLAY_AUTH_JWT_FORMATS}, ...); by default the
 * claim is Alibaba's own ({@code formats} mp4, {@code authTimeout} 1800, {@code streamType} video,
 * what its app server and toolkits send). A caller may narrow each one the deployment sets (a subset
 * of its values, a shorter authTimeout), never widen it, and may choose those it leaves unset,
 * with the parameters GetPlayInfo names them by ({@code Formats}, {@code AuthTimeout}, ...). A value
 * named twice counts once. The JSON-valued parameters (PlayConfig, ReAuthInfo) and the watermark
 * ones are not offered.
 */
public final class PlayContentRules {
  static final long AUTH_TIMEOUT_MAX = 2_592_000L;

  private enum Field {
    FORMATS("formats", "Formats", Config.PLAY_AUTH_JWT_FORMATS, "mp4", true, true, "mp4", "m3u8", "mp3", "flv", "mpd"),
    AUTH_TIMEOUT("authTimeout", "AuthTimeout", Config.PLAY_AUTH_JWT_AUTH_TIMEOUT, "1800", false, true),
    STREAM_TYPE("streamType", "StreamType", Config.PLAY_AUTH_JWT_STREAM_TYPE, "video", true, true, "video", "audio"),
    DEFINITION("definition", "Definition", Config.PLAY_AUTH_JWT_DEFINITION, null, true, true,
        "FD", "LD", "SD", "HD", "OD", "2K", "4K", "SQ", "HQ", "AUTO"),
    RESULT_TYPE("resultType", "ResultType", Config.PLAY_AUTH_JWT_RESULT_TYPE, null, false, true, "Single", "Multiple"),
    OUTPUT_TYPE("outputType", "OutputType", Config.PLAY_AUTH_JWT_OUTPUT_TYPE, null, false, false, "oss", "cdn");

    final String claim;
    final String parameter;
    final String setting;
    final String fallback;
    final boolean list;
    final boolean callerMay;
    final List<String> values;

    Field(String claim, String parameter, String setting, String fallback, boolean list, boolean callerMay, String... values) {
      this.claim = claim;
      this.parameter = parameter;
      this.setting = setting;
      this.fallback = fallback;
      this.list = list;
      this.callerMay = callerMay;
      this.values = List.of(values);
    }

    boolean isNumber() {
      return values.isEmpty();
    }
  }

  /** The GetPlayInfo parameter names a caller may send (for the request reader). */
  public static final List<String> PARAMETERS = names(true);

  private final Map<Field, Object> defaults;

  private PlayContentRules(Map<Field, Object> defaults) {
    this.defaults = defaults;
  }

  /**
   * The rules with the deployment's defaults, from the environment.
   *
   * @throws IllegalArgumentException naming the setting when a value is not one GetPlayInfo documents
   */
  static PlayContentRules from(Map<String, String> env) {
    Map<Field, Object> defaults = new EnumMap<>(Field.class);
    for (Field field : Field.values()) {
      String raw = env.get(field.setting);
      String text = raw == null || raw.trim().isEmpty() ? field.fallback : raw.trim();
      if (text == null) continue;
      Object value = field.isNumber() ? seconds(text) : values(field, text);
      if (value == null) throw new IllegalArgumentException(field.setting + " " + rule(field, null) + " Got '" + text + "'");
      defaults.put(field, value);
    }
    return new PlayContentRules(Collections.unmodifiableMap(defaults));
  }

  /**
   * The claim for one request: the defaults narrowed by the caller's parameters, or a 400 naming
   * the parameter.
   */
  Checked<Map<String, Object>> claim(Parameters parameters) {
    Map<String, Object> claim = new LinkedHashMap<>();
    for (Field field : Field.values()) {
      Object fallback = defaults.get(field);
      String asked = parameters.get(field.parameter);
      if (asked == null || asked.isEmpty()) {
        if (fallback != null) claim.put(field.claim, fallback);
        continue;
      }
      if (!field.callerMay) {
        return refuse(field.parameter + " is set by the deployment, not by the caller.");
      }
      Object value = field.isNumber() ? seconds(asked) : values(field, asked);
      if (value == null || !within(field, value, fallback)) {
        return refuse(field.parameter + " " + rule(field, fallback));
      }
      claim.put(field.claim, value);
    }
    return Checked.ok(Collections.unmodifiableMap(claim));
  }

  private static boolean within(Field field, Object value, Object fallback) {
    if (fallback == null) return true;
    if (field.isNumber()) return (Long) value <= (Long) fallback;
    List<String> allowed = List.of(((String) fallback).split(","));
    for (String v : ((String) value).split(",")) {
      if (!allowed.contains(v)) return false;
    }
    return true;
  }

  private static String rule(Field field, Object fallback) {
    if (field.isNumber()) {
      long max = fallback == null ? AUTH_TIMEOUT_MAX : (Long) fallback;
      return "must be a whole number of seconds between 1 and " + max + ".";
    }
    String among = fallback != null ? String.join(", ", ((String) fallback).split(",")) : String.join(", ", field.values);
    return field.list ? "must be one or more of " + among + ", comma-separated." : "must be one of " + among + ".";
  }

  /** The seconds, or null when not a whole number in [1, AUTH_TIMEOUT_MAX]. */
  private static Long seconds(String text) {
    if (!text.matches("[0-9]{1,7}")) return null;
    long n = Long.parseLong(text);
    return n >= 1 && n <= AUTH_TIMEOUT_MAX ? n : null;
  }

  /** The values in GetPlayInfo's spelling, comma-joined, each once; null when one is unknown. */
  private static String values(Field field, String text) {
    String[] parts = field.list ? text.split(",", -1) : new String[] {text};
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      String known = null;
      for (String v : field.values) {
        if (v.toLowerCase(Locale.ROOT).equals(part.trim().toLowerCase(Locale.ROOT))) known = v;
      }
      if (known == null) return null;
      if (!out.contains(known)) out.add(known);
    }
    return String.join(",", out);
  }

  private static Checked<Map<String, Object>> refuse(String message) {
    return Checked.refused(Answer.error(ErrorKind.INVALID_PARAMETER, message));
  }

  private static List<String> names(boolean parameters) {
    List<String> names = new ArrayList<>();
    for (Field f : Field.values()) names.add(parameters ? f.parameter : f.setting);
    return List.copyOf(names);
  }
}

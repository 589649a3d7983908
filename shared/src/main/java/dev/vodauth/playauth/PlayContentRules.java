package dev.vodauth.playauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
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
 * <p>The deployment sets defaults ({@code PLAY_AUTH_JWT_CONTENT}, a JSON object with these names);
 * a caller may narrow each one it sets (a subset of its values, a shorter authTimeout), never widen
 * it, with the parameters GetPlayInfo names them by ({@code Formats}, {@code AuthTimeout}, ...).
 * The JSON-valued parameters (PlayConfig, ReAuthInfo) and the watermark ones are not offered.
 */
public final class PlayContentRules {
  /** Alibaba's own app server and toolkits send exactly this: VOD is known to accept it. */
  public static final String DEFAULT_CONTENT = "{\"formats\":\"mp4\",\"authTimeout\":1800,\"streamType\":\"video\"}";

  static final long AUTH_TIMEOUT_MAX = 2_592_000L;

  private enum Field {
    FORMATS("formats", "Formats", true, true, "mp4", "m3u8", "mp3", "flv", "mpd"),
    AUTH_TIMEOUT("authTimeout", "AuthTimeout", false, true),
    STREAM_TYPE("streamType", "StreamType", true, true, "video", "audio"),
    DEFINITION("definition", "Definition", true, true, "FD", "LD", "SD", "HD", "OD", "2K", "4K", "SQ", "HQ", "AUTO"),
    RESULT_TYPE("resultType", "ResultType", false, true, "Single", "Multiple"),
    OUTPUT_TYPE("outputType", "OutputType", false, false, "oss", "cdn");

    final String claim;
    final String parameter;
    final boolean list;
    final boolean callerMay;
    final List<String> values;

    Field(String claim, String parameter, boolean list, boolean callerMay, String... values) {
      this.claim = claim;
      this.parameter = parameter;
      this.list = list;
      this.callerMay = callerMay;
      this.values = List.of(values);
    }

    boolean isNumber() {
      return values.isEmpty();
    }

    static Field claimed(String name) {
      for (Field f : values()) {
        if (f.claim.equals(name)) return f;
      }
      return null;
    }
  }

  /** The GetPlayInfo parameter names a caller may send (for the request reader). */
  public static final List<String> PARAMETERS = parameterNames();

  private final Map<Field, Object> defaults;

  private PlayContentRules(Map<Field, Object> defaults) {
    this.defaults = defaults;
  }

  /**
   * The rules with the deployment's defaults.
   *
   * @param setting the setting's name, for the message
   * @param json the defaults as a JSON object; null or blank for {@link #DEFAULT_CONTENT}
   * @throws IllegalArgumentException naming the setting and the field when a default is not one
   *     GetPlayInfo documents
   */
  static PlayContentRules from(String setting, String json, ObjectMapper mapper) {
    String text = json == null || json.trim().isEmpty() ? DEFAULT_CONTENT : json.trim();
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (IOException e) {
      tree = null;
    }
    if (tree == null || !tree.isObject()) throw new IllegalArgumentException(setting + " must be a JSON object");
    Map<Field, Object> defaults = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Field field = Field.claimed(e.getKey());
      if (field == null) {
        throw new IllegalArgumentException(setting + " may hold only " + claimNames() + ", got '" + e.getKey() + "'");
      }
      JsonNode value = e.getValue();
      Object checked = field.isNumber()
          ? (value.isIntegralNumber() ? seconds(value.asText()) : null)
          : (value.isTextual() ? values(field, value.asText()) : null);
      if (checked == null) throw new IllegalArgumentException(setting + ": " + e.getKey() + " " + rule(field, null));
      defaults.put(field, checked);
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
    return field.list ? "must be one or more of " + among + ", comma-separated, each once." : "must be one of " + among + ".";
  }

  /** The seconds, or null when not a whole number in [1, AUTH_TIMEOUT_MAX]. */
  private static Long seconds(String text) {
    if (!text.matches("[0-9]{1,7}")) return null;
    long n = Long.parseLong(text);
    return n >= 1 && n <= AUTH_TIMEOUT_MAX ? n : null;
  }

  /** The values in GetPlayInfo's spelling, comma-joined; null when one is unknown or repeated. */
  private static String values(Field field, String text) {
    String[] parts = field.list ? text.split(",", -1) : new String[] {text};
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      String known = null;
      for (String v : field.values) {
        if (v.toLowerCase(Locale.ROOT).equals(part.trim().toLowerCase(Locale.ROOT))) known = v;
      }
      if (known == null || out.contains(known)) return null;
      out.add(known);
    }
    return String.join(",", out);
  }

  private static Checked<Map<String, Object>> refuse(String message) {
    return Checked.refused(Answer.error(ErrorKind.INVALID_PARAMETER, message));
  }

  private static String claimNames() {
    List<String> names = new ArrayList<>();
    for (Field f : Field.values()) names.add(f.claim);
    return String.join(", ", names);
  }

  private static List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (Field f : Field.values()) names.add(f.parameter);
    return List.copyOf(names);
  }
}

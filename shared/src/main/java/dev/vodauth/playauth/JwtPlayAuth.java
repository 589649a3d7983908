package dev.vodauth.playauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.AppPlayKeyClient;
import dev.vodauth.vod.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * play-auth's choice of kind, and the JWTPlayAuth kind itself: the request's {@code PlayAuthType}
 * checked against the kinds offered, then, for JWT, the input rules, the caller's entitlement,
 * the PlayKey and the signature, with no VOD call (but GetAppPlayKey when the key is VOD's and
 * not cached). The classic kind is left to the GetVideoPlayAuth path as it was.
 *
 * <p>The answer: {@code {"RequestId", "PlayAuth", "PlayAuthType": "JWT", "VideoId", "ExpireTime"}},
 * ExpireTime in VOD's format (UTC, {@code yyyy-MM-ddTHH:mm:ssZ}); RequestId is the platform's, as no
 * VOD request was made. Thread-safe: one per container.
 */
public final class JwtPlayAuth {
  /** The request parameter naming the kind asked for. */
  public static final String PARAMETER = "PlayAuthType";

  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  private final PlayAuthSettings settings;
  private final PlayKeySource keys;
  private final JwtPlayAuthSigner signer;
  private final Clock clock;
  private final ObjectMapper json;
  private final String offeredList;

  private JwtPlayAuth(PlayAuthSettings settings, PlayKeySource keys, JwtPlayAuthSigner signer, Clock clock, ObjectMapper json) {
    this.settings = settings;
    this.keys = keys;
    this.signer = signer;
    this.clock = clock;
    this.json = json;
    StringBuilder list = new StringBuilder();
    for (PlayAuthType t : settings.offered()) list.append(list.length() == 0 ? "" : ", ").append(t.name());
    this.offeredList = list.toString();
  }

  /**
   * The container's play-auth kinds.
   *
   * @param credentials the container's VOD keys, for GetAppPlayKey
   * @param platformKey the platform's secret store's PlayKey (Lambda's secret), or null; used when
   *     {@code VOD_PLAY_KEY} is not set, else GetAppPlayKey is
   */
  public static JwtPlayAuth create(Config config, CredentialsSource credentials, PlayKeySource platformKey, Clock clock,
      ObjectMapper json) {
    PlayAuthSettings settings = PlayAuthSettings.from(config.settings());
    PlayKeySource keys;
    if (settings.configuredKey() != null) {
      keys = PlayKeySource.of(settings.configuredKey());
    } else {
      PlayKeySource read = platformKey != null ? platformKey
          : new VodPlayKey(new AppPlayKeyClient(config, credentials, json), settings.appId());
      keys = CachedPlayKey.of(read, Duration.ofSeconds(settings.keyTtlSeconds()), clock);
    }
    return new JwtPlayAuth(settings, keys, new JwtPlayAuthSigner(json, settings.appId(), config.region()), clock, json);
  }

  /** As above with the key source given (tests, benchmarks). */
  public static JwtPlayAuth create(Config config, PlayKeySource keys, Clock clock, ObjectMapper json) {
    PlayAuthSettings settings = PlayAuthSettings.from(config.settings());
    return new JwtPlayAuth(settings, Objects.requireNonNull(keys, "keys == null"),
        new JwtPlayAuthSigner(json, settings.appId(), config.region()), clock, json);
  }

  /** The kinds offered, the default first. */
  public List<PlayAuthType> offered() {
    return settings.offered();
  }

  /**
   * The kind for the log line and metrics: null where only the classic kind is offered, so such a
   * deployment's lines are as they were.
   */
  public String loggedKind(Parameters parameters) {
    PlayAuthType kind = settings.offersJwt() ? kindOf(parameters) : null;
    return kind == null ? null : kind.name();
  }

  /** Whether the JWT kind is offered. */
  public boolean offersJwt() {
    return settings.offersJwt();
  }

  /** The kind a request asks for (the default when it names none), or null when it is not offered. */
  public PlayAuthType kindOf(Parameters parameters) {
    String asked = parameters.get(PARAMETER);
    if (asked == null || asked.isEmpty()) return settings.offered().get(0);
    PlayAuthType type = PlayAuthType.named(asked);
    return type != null && settings.offered().contains(type) ? type : null;
  }

  /**
   * The answer for a play-auth request, or null when the classic kind is to answer it (its own
   * path, GetVideoPlayAuth, goes on unchanged).
   *
   * @param entitlement the caller's refusal for a VideoId (403), or null when it may ask for it
   * @param requestId the platform's request ID, the JWT answer's RequestId
   */
  public Answer answer(Parameters parameters, Function<String, Answer> entitlement, Deadline deadline,
      VodCredentials ownKeys, String requestId) {
    PlayAuthType kind = kindOf(parameters);
    if (kind == null) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, PARAMETER + " must be one of " + offeredList
          + " (the kinds this deployment offers).");
    }
    if (kind == PlayAuthType.VOD) return null;
    String action = parameters.get("Action");
    if (action != null && !action.equalsIgnoreCase("GetVideoPlayAuth")) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, "Action must be GetVideoPlayAuth for this function.");
    }
    String videoId = parameters.get("VideoId");
    if (videoId == null || videoId.isEmpty()) return Answer.error(ErrorKind.MISSING_PARAMETER, "VideoId is required.");
    if (!VIDEO_ID.matcher(videoId).matches()) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, "VideoId must be 1 to 64 letters and digits.");
    }
    Checked<Integer> valid = validity(parameters.get("AuthInfoTimeout"));
    if (!valid.isOk()) return valid.error();
    Checked<Map<String, Object>> content = settings.content().claim(parameters);
    if (!content.isOk()) return content.error();
    Answer notEntitled = entitlement.apply(videoId);
    if (notEntitled != null) return notEntitled;
    Checked<PlayKey> key = keys.load(deadline, ownKeys);
    if (!key.isOk()) return key.error();
    long now = clock.millis();
    String token = signer.sign(key.value(), videoId, now, valid.value(), content.value());
    ObjectNode body = json.createObjectNode();
    if (requestId != null) body.put("RequestId", requestId); // an event's answer has none
    body.put("PlayAuth", token);
    body.put(PARAMETER, PlayAuthType.JWT.name());
    body.put("VideoId", videoId);
    body.put("ExpireTime", Instant.ofEpochMilli(now + valid.value() * 1000L).truncatedTo(ChronoUnit.SECONDS).toString());
    return Answer.success(body);
  }

  /** Drops a cached PlayKey (a SnapStart restore): the next JWT request reads it again. */
  public void forgetPlayKey() {
    keys.invalidate();
  }

  private Checked<Integer> validity(String value) {
    if (value == null || value.isEmpty()) return Checked.ok(settings.timeoutDefaultSeconds());
    if (WHOLE_NUMBER.matcher(value).matches()) {
      int seconds = Integer.parseInt(value);
      if (seconds >= PlayAuthSettings.TIMEOUT_FLOOR && seconds <= settings.timeoutMaxSeconds()) return Checked.ok(seconds);
    }
    return Checked.refused(Answer.error(ErrorKind.INVALID_PARAMETER, "AuthInfoTimeout must be a whole number of seconds between "
        + PlayAuthSettings.TIMEOUT_FLOOR + " and " + settings.timeoutMaxSeconds() + " for a JWTPlayAuth."));
  }
}

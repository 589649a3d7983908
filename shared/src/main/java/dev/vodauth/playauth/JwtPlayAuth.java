package dev.vodauth.playauth;

import com.aliyuncs.RpcAcsRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.Deadline;
import dev.vodauth.vod.VodCall;
import dev.vodauth.vod.VodClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * play-auth's kinds: the request's {@code PlayAuthType} checked against the kinds offered, and
 * the JWTPlayAuth kind's own rules (validity, playContentInfo) into a call that is answered here,
 * signed with the PlayKey, with no VOD call (but GetAppPlayKey when the key is VOD's and not
 * cached). play-auth's operation checks the Action, the VideoId and the caller's entitlement
 * first, for both kinds.
 *
 * <p>The answer: {@code {"RequestId", "PlayAuth", "PlayAuthType": "JWT", "VideoId", "ExpireTime"}},
 * ExpireTime in VOD's format (UTC, {@code yyyy-MM-ddTHH:mm:ssZ}); RequestId is the platform's (the
 * answer writer's), as no VOD request was made; an event's answer has none. Thread-safe.
 */
public final class JwtPlayAuth {
  /** The request parameter naming the kind asked for. */
  public static final String PARAMETER = "PlayAuthType";

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
   * The container's play-auth kinds (a bad setting fails here, naming it).
   *
   * @param platformKey the platform's secret store's PlayKey (Lambda's secret), or null; used when
   *     {@code VOD_PLAY_KEY} is not set, else GetAppPlayKey is
   */
  public static JwtPlayAuth create(Config config, PlayKeySource platformKey, Clock clock, ObjectMapper json) {
    PlayAuthSettings settings = PlayAuthSettings.from(config.settings());
    PlayKeySource keys;
    if (settings.configuredKey() != null) {
      keys = PlayKeySource.of(settings.configuredKey());
    } else {
      PlayKeySource read = platformKey != null ? platformKey : new VodPlayKey(settings.appId());
      keys = CachedPlayKey.of(read, Duration.ofSeconds(settings.keyTtlSeconds()), clock);
    }
    return new JwtPlayAuth(settings, keys, new JwtPlayAuthSigner(json, settings.appId(), config.region()), clock, json);
  }

  /** The request parameters the kinds read, besides VideoId and AuthInfoTimeout. */
  public static List<String> parameterNames() {
    List<String> names = new ArrayList<>(PlayContentRules.PARAMETERS);
    names.add(PARAMETER);
    return names;
  }

  /** The kinds offered, the default first. */
  public List<PlayAuthType> offered() {
    return settings.offered();
  }

  /** Whether the JWT kind is offered. */
  public boolean offersJwt() {
    return settings.offersJwt();
  }

  /**
   * The kind for the log line and metrics: null where only the classic kind is offered (such a
   * deployment's lines are as they were), or when the kind asked for is not offered.
   */
  public String loggedKind(Parameters parameters) {
    PlayAuthType kind = settings.offersJwt() ? kindOf(parameters) : null;
    return kind == null ? null : kind.name();
  }

  /** The kind a request asks for (the default when it names none), or null when it is not offered. */
  public PlayAuthType kindOf(Parameters parameters) {
    String asked = parameters.get(PARAMETER);
    if (asked == null || asked.isEmpty()) return settings.offered().get(0);
    PlayAuthType type = PlayAuthType.named(asked);
    return type != null && settings.offered().contains(type) ? type : null;
  }

  /** The 400 for a kind not offered, naming those that are. */
  public Answer notOffered() {
    return Answer.error(ErrorKind.INVALID_PARAMETER, PARAMETER + " must be one of " + offeredList
        + " (the kinds this deployment offers).");
  }

  /**
   * The JWT kind's call for a video already checked (ID and entitlement), or the 400 naming the
   * field: the validity asked for ({@code AuthInfoTimeout}) and the playContentInfo parameters.
   */
  public Checked<VodCall> call(String videoId, Parameters parameters) {
    Checked<Integer> valid = validity(parameters.get("AuthInfoTimeout"));
    if (!valid.isOk()) return Checked.refused(valid.error());
    Checked<Map<String, Object>> content = settings.content().claim(parameters);
    if (!content.isOk()) return Checked.refused(content.error());
    return Checked.ok(new Call(videoId, valid.value(), content.value()));
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

  /** A JWTPlayAuth to sign: answered here, never sent to VOD. */
  private final class Call extends VodCall {
    private final int validSeconds;
    private final Map<String, Object> content;

    Call(String videoId, int validSeconds, Map<String, Object> content) {
      super(videoId, body -> Answer.success((ObjectNode) body));
      this.validSeconds = validSeconds;
      this.content = content;
    }

    @Override
    public Answer answerHere(VodClient client, Deadline deadline, VodCredentials ownKeys) {
      Checked<PlayKey> key = keys.load(client, deadline, ownKeys);
      if (!key.isOk()) return key.error();
      long now = clock.millis();
      ObjectNode body = json.createObjectNode();
      body.put("PlayAuth", signer.sign(key.value(), videoId(), now, validSeconds, content));
      body.put(PARAMETER, PlayAuthType.JWT.name());
      body.put("VideoId", videoId());
      body.put("ExpireTime", Instant.ofEpochMilli(now + validSeconds * 1000L).truncatedTo(ChronoUnit.SECONDS).toString());
      return Answer.success(body);
    }

    @Override
    public RpcAcsRequest<?> sdkRequest() {
      throw new IllegalStateException("a JWTPlayAuth is signed here, not asked of VOD");
    }

    @Override
    public String toString() {
      return "JWTPlayAuth{VideoId=" + videoId() + ", validSeconds=" + validSeconds + "}";
    }
  }
}

package dev.vodauth.operation;

import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.vod.model.v20170321.GetVideoPlayAuthRequest;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.auth.Caller;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.playauth.JwtPlayAuth;
import dev.vodauth.playauth.PlayAuthType;
import dev.vodauth.playauth.PlayKeySource;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.VodCall;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * play-auth: a playback credential for a video, of the kind asked for ({@code PlayAuthType}, see
 * {@link JwtPlayAuth}): the classic PlayAuth from {@code GetVideoPlayAuth}, or a JWTPlayAuth signed
 * here. The Action, the VideoId and the caller's entitlement are checked alike for both.
 */
public final class PlayAuth extends VodOperation {
  public static final String NAME = "play-auth";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  private final int authInfoTimeoutDefault;
  private final int authInfoTimeoutMax;
  private final JwtPlayAuth kinds;

  public PlayAuth(Config config) {
    this(config, null, new ObjectMapper());
  }

  /** @param platformKey the platform's secret store's PlayKey (Lambda's secret), or null */
  public PlayAuth(Config config, PlayKeySource platformKey, ObjectMapper json) {
    super("GetVideoPlayAuth", NAME, parameters(), names("PlayAuth"));
    this.authInfoTimeoutDefault = config.authInfoTimeoutDefault();
    this.authInfoTimeoutMax = config.authInfoTimeoutMax();
    this.kinds = JwtPlayAuth.create(config, platformKey, Clock.systemUTC(), json);
  }

  private static List<String> parameters() {
    List<String> names = names("VideoId", "AuthInfoTimeout");
    names.addAll(JwtPlayAuth.parameterNames());
    return names;
  }

  /** Whether the JWT kind is offered (priming runs it too). */
  public boolean offersJwt() {
    return kinds.offersJwt();
  }

  @Override
  public String loggedKind(Parameters parameters) {
    return kinds.loggedKind(parameters);
  }

  @Override
  public void forgetKeys() {
    kinds.forgetPlayKey();
  }

  @Override
  public boolean servesPagesWithoutTokens() {
    return true;
  }

  @Override
  protected Checked<VodCall> checkOwn(Parameters parameters, Caller caller) {
    PlayAuthType kind = kinds.kindOf(parameters);
    if (kind == null) return Checked.refused(kinds.notOffered());
    Checked<String> videoId = videoId(parameters, caller);
    if (!videoId.isOk()) return Checked.refused(videoId.error());
    if (kind == PlayAuthType.JWT) return kinds.call(videoId.value(), parameters);
    String timeout = parameters.get("AuthInfoTimeout");
    if (timeout == null || timeout.isEmpty()) return Checked.ok(call(videoId.value(), authInfoTimeoutDefault));
    if (WHOLE_NUMBER.matcher(timeout).matches()) {
      int seconds = Integer.parseInt(timeout);
      if (seconds >= Config.AUTH_INFO_TIMEOUT_FLOOR && seconds <= authInfoTimeoutMax) {
        return Checked.ok(call(videoId.value(), seconds));
      }
    }
    return refuse(ErrorKind.INVALID_PARAMETER, "AuthInfoTimeout must be a whole number of seconds between "
        + Config.AUTH_INFO_TIMEOUT_FLOOR + " and " + authInfoTimeoutMax + ".");
  }

  /** The call for this video, its PlayAuth valid {@code authInfoTimeout} seconds. */
  public Call call(String videoId, int authInfoTimeout) {
    return new Call(this, videoId, authInfoTimeout);
  }

  @Override
  public String primingQuery() {
    return "VideoId=00000000000000000000000000000000&AuthInfoTimeout=300";
  }

  /** GetVideoPlayAuth's parameters. */
  public static final class Call extends VodCall {
    private final int authInfoTimeout;

    private Call(PlayAuth operation, String videoId, int authInfoTimeout) {
      super(videoId, operation::read);
      this.authInfoTimeout = authInfoTimeout;
    }

    /** Seconds the PlayAuth stays valid. */
    public int authInfoTimeout() {
      return authInfoTimeout;
    }

    @Override
    public RpcAcsRequest<?> sdkRequest() {
      GetVideoPlayAuthRequest request = new GetVideoPlayAuthRequest();
      request.setVideoId(videoId());
      request.setAuthInfoTimeout((long) authInfoTimeout);
      return request;
    }

    @Override
    public String toString() {
      return "GetVideoPlayAuth{VideoId=" + videoId() + ", AuthInfoTimeout=" + authInfoTimeout + "}";
    }
  }
}

package dev.vodauth.operation;

import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.vod.model.v20170321.GetVideoPlayAuthRequest;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.auth.Caller;
import dev.vodauth.config.Config;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.VodCall;
import java.util.regex.Pattern;

/** play-auth: {@code GetVideoPlayAuth}, a playback credential for a video. */
public final class PlayAuth extends VodOperation {
  public static final String NAME = "play-auth";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  private final int authInfoTimeoutDefault;
  private final int authInfoTimeoutMax;

  public PlayAuth(Config config) {
    super("GetVideoPlayAuth", NAME, names("VideoId", "AuthInfoTimeout"), names("PlayAuth"));
    this.authInfoTimeoutDefault = config.authInfoTimeoutDefault();
    this.authInfoTimeoutMax = config.authInfoTimeoutMax();
  }

  @Override
  public boolean servesPagesWithoutTokens() {
    return true;
  }

  @Override
  protected Checked<VodCall> checkOwn(Parameters parameters, Caller caller) {
    Checked<String> videoId = videoId(parameters, caller);
    if (!videoId.isOk()) return Checked.refused(videoId.error());
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

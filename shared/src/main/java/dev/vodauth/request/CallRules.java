package dev.vodauth.request;

import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.vod.VodCall;
import dev.vodauth.vod.VodOperation;
import java.util.regex.Pattern;

/**
 * The input rules of DESIGN's validation table: turns parameters into the {@link VodCall} to
 * make, or a 400 naming the field and its rule. Unknown parameters are dropped here.
 */
public final class CallRules {
  /** VOD IDs are 32 hex characters; anything but letters and digits never reaches VOD. */
  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  private final int authInfoTimeoutDefault;
  private final int authInfoTimeoutMax;

  public CallRules(Config config) {
    this.authInfoTimeoutDefault = config.authInfoTimeoutDefault();
    this.authInfoTimeoutMax = config.authInfoTimeoutMax();
  }

  /** The call for {@code operation}, or why the parameters do not make one. */
  public Checked<VodCall> check(VodOperation operation, Parameters parameters) {
    String action = parameters.get("Action");
    if (action != null && !action.equalsIgnoreCase(operation.action())) {
      return refuse(ErrorKind.INVALID_PARAMETER, "Action must be " + operation.action() + " for this function.");
    }
    String videoId = parameters.get("VideoId");
    if (videoId == null || videoId.isEmpty()) {
      return refuse(ErrorKind.MISSING_PARAMETER, "VideoId is required.");
    }
    if (!VIDEO_ID.matcher(videoId).matches()) {
      return refuse(ErrorKind.INVALID_PARAMETER, "VideoId must be 1 to 64 letters and digits.");
    }
    switch (operation) {
      case PLAY_AUTH:
        Checked<Integer> timeout = authInfoTimeout(parameters.get("AuthInfoTimeout"));
        return timeout.isOk() ? Checked.ok(VodCall.playAuth(videoId, timeout.value())) : Checked.refused(timeout.error());
      case REFRESH_UPLOAD:
        return Checked.ok(VodCall.refreshUpload(videoId));
      default:
        throw new AssertionError(operation);
    }
  }

  private Checked<Integer> authInfoTimeout(String value) {
    if (value == null || value.isEmpty()) return Checked.ok(authInfoTimeoutDefault);
    if (WHOLE_NUMBER.matcher(value).matches()) {
      int seconds = Integer.parseInt(value);
      if (seconds >= Config.AUTH_INFO_TIMEOUT_FLOOR && seconds <= authInfoTimeoutMax) return Checked.ok(seconds);
    }
    return refuse(ErrorKind.INVALID_PARAMETER,
        "AuthInfoTimeout must be a whole number of seconds between "
            + Config.AUTH_INFO_TIMEOUT_FLOOR + " and " + authInfoTimeoutMax + ".");
  }

  private static <T> Checked<T> refuse(ErrorKind kind, String message) {
    return Checked.refused(Answer.error(kind, message));
  }
}

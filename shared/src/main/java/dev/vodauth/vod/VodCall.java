package dev.vodauth.vod;

import java.util.Objects;

/** One validated request to VOD: the operation and exactly the parameters sent on. */
public final class VodCall {
  private final VodOperation operation;
  private final String videoId;
  private final Integer authInfoTimeout;

  private VodCall(VodOperation operation, String videoId, Integer authInfoTimeout) {
    this.operation = operation;
    this.videoId = Objects.requireNonNull(videoId, "videoId == null");
    this.authInfoTimeout = authInfoTimeout;
  }

  public static VodCall playAuth(String videoId, int authInfoTimeout) {
    return new VodCall(VodOperation.PLAY_AUTH, videoId, authInfoTimeout);
  }

  public static VodCall refreshUpload(String videoId) {
    return new VodCall(VodOperation.REFRESH_UPLOAD, videoId, null);
  }

  public VodOperation operation() {
    return operation;
  }

  public String videoId() {
    return videoId;
  }

  /** Seconds the PlayAuth stays valid; null for RefreshUploadVideo. */
  public Integer authInfoTimeout() {
    return authInfoTimeout;
  }

  @Override
  public String toString() {
    return operation.action() + "{VideoId=" + videoId + (authInfoTimeout != null ? ", AuthInfoTimeout=" + authInfoTimeout : "") + "}";
  }
}

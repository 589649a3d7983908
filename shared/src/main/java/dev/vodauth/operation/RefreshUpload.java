package dev.vodauth.operation;

import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.vod.model.v20170321.RefreshUploadVideoRequest;
import dev.vodauth.answer.Answer;
import dev.vodauth.auth.Caller;
import dev.vodauth.config.Config;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.VodCall;

/**
 * refresh-upload: {@code RefreshUploadVideo}, a fresh upload credential for a video: any video
 * for a signed call or a token entitled to it, and, for a token whose video claim does not list
 * it, the videos its subject created through create-upload.
 */
public final class RefreshUpload extends VodOperation {
  public static final String NAME = "refresh-upload";

  public RefreshUpload(Config config) {
    super("RefreshUploadVideo", NAME, names("VideoId"), names("UploadAuth", "UploadAddress"));
  }

  @Override
  public boolean servesPagesWithoutTokens() {
    return false;
  }

  @Override
  public boolean takesPipelineEvents() {
    return true;
  }

  @Override
  protected Checked<VodCall> checkOwn(Parameters parameters, Caller caller) {
    Checked<String> videoId = videoId(parameters, Caller.anyone());
    if (!videoId.isOk()) return Checked.refused(videoId.error());
    Answer notEntitled = caller.refusalFor(videoId.value());
    if (notEntitled == null) return Checked.ok(call(videoId.value()));
    // Not listed in the token: the creator of the upload may still refresh it (see Creators).
    if (caller.subject() == null) return Checked.refused(notEntitled);
    return Checked.ok(Creators.check(videoId.value(), Creators.tag(caller.subject()), call(videoId.value())));
  }

  public Call call(String videoId) {
    return new Call(this, videoId);
  }

  @Override
  public String primingQuery() {
    return "VideoId=00000000000000000000000000000000";
  }

  /** RefreshUploadVideo's parameters. */
  public static final class Call extends VodCall {
    private Call(RefreshUpload operation, String videoId) {
      super(videoId, operation::read);
    }

    @Override
    public RpcAcsRequest<?> sdkRequest() {
      RefreshUploadVideoRequest request = new RefreshUploadVideoRequest();
      request.setVideoId(videoId());
      return request;
    }

    @Override
    public String toString() {
      return "RefreshUploadVideo{VideoId=" + videoId() + "}";
    }
  }
}
